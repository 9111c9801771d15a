namespace MarketIntel.Ingestion.Simulation;

/// <summary>One symbol's session: the minute path (bridged to the day's close), per-minute volatility and trade counts, and the minute bars.</summary>
internal sealed class SimulatedDay(DateOnly date, int dayNumber, DateTime sessionOpen, double logOpen, int minutes)
{
    public DateOnly Date { get; } = date;

    public int DayNumber { get; } = dayNumber;

    public DateTime SessionOpen { get; } = sessionOpen;

    public double LogOpen { get; } = logOpen;

    public double[] LogClose { get; } = new double[minutes];

    public double[] Sigma { get; } = new double[minutes];

    public int[] Count { get; } = new int[minutes];

    public Core.Market.Bar[] Bars { get; } = new Core.Market.Bar[minutes];

    public int Minutes => LogClose.Length;
}
