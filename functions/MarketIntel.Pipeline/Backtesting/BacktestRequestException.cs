namespace MarketIntel.Pipeline.Backtesting;

/// <summary>A backtest request that cannot run, with the HTTP status it maps to (400 a bad field, 404 no bars), the field and why.</summary>
public sealed class BacktestRequestException(int status, string field, string message) : Exception($"{field}: {message}")
{
    public int Status { get; } = status;

    public string Field { get; } = field;

    public string Detail { get; } = message;
}
