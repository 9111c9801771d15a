using MarketIntel.Core.Trading;

namespace MarketIntel.Pipeline.Trading;

/// <summary>A bracket (entry, stop-loss, take-profit) submitted while the symbol's last price was <paramref name="Market"/>.</summary>
public sealed record PaperSubmitBracket(DateTime Time, BracketRequest Bracket, double Market) : PaperCommand(Time);
