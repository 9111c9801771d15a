namespace MarketIntel.Pipeline.Trading;

/// <summary>The account after the bars of one time were evaluated: cash, marked equity and the drawdown from the high-water mark (a fraction).</summary>
public sealed record PaperEquityPoint(DateTime Time, double Cash, double Equity, double Drawdown);
