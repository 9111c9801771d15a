namespace MarketIntel.Core.Backtesting;

/// <summary>Commission of one fill (an entry or an exit), in account currency.</summary>
public interface ICommissionModel
{
    double Commission(double quantity, double price);
}
