namespace MarketIntel.Pipeline.Trading;

/// <summary>
/// The stored account record: its settings and opening time (fixed), and the summary as of journal entry
/// <see cref="PaperAccountView.JournalSequence"/> (a projection, rewritten with ETags; the journal is the truth).
/// </summary>
public sealed record PaperAccountDocument(PaperAccountSettings Settings, DateTime Opened, PaperAccountView Summary);
