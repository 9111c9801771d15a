using MarketIntel.Core.Trading;

namespace MarketIntel.Pipeline.Trading;

/// <summary>
/// One append-only journal entry of a paper account: its sequence number (1, 2, ... with no gaps: the entry's id, so two
/// writers cannot both append entry n), the command, and what the command did: every order event, fill and risk
/// decision it produced, in order. Replaying the commands must reproduce the events and fills exactly.
/// </summary>
public sealed record PaperJournalEntry(long Sequence, PaperCommand Command, IReadOnlyList<OrderEvent> Events, IReadOnlyList<Fill> Fills, IReadOnlyList<RiskDecision> Decisions);
