namespace MarketIntel.Pipeline.Brokerage;

/// <summary>A reconciliation in one line: when, why, how many orders were checked, how many differences were repaired and reported.</summary>
public sealed record BrokerReconciliationSummary(DateTime Time, string Trigger, int OrdersChecked, int Repaired, int Reported)
{
    public static BrokerReconciliationSummary Of(BrokerReconciliationReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        return new(report.Time, report.Trigger, report.OrdersChecked, report.Repaired, report.Reported);
    }
}
