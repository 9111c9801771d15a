using MarketIntel.Core.Trading;
using static MarketIntel.Core.Tests.Trading.TradingBars;

namespace MarketIntel.Core.Tests.Trading;

public sealed class AccountTests
{
    private static Fill F(string id, OrderSide side, double q, double price, double commission = 0) => new(id, "X", Day0, side, q, price, commission);

    [Fact]
    public void Netting_AveragesAdds_RealizesReductions_AndReversesAtTheFillPrice()
    {
        var a = new Account(10_000, Day0);
        a.Apply(F("1", OrderSide.Buy, 10, 100, 1));
        a.Apply(F("2", OrderSide.Buy, 30, 104, 1));
        Assert.Equal((40.0, 103.0, 0.0), (a.PositionOf("X").Quantity, a.PositionOf("X").AveragePrice, a.PositionOf("X").RealizedPnl));
        a.Apply(F("3", OrderSide.Sell, 15, 110, 1));
        Assert.Equal((25.0, 103.0, 105.0), (a.PositionOf("X").Quantity, a.PositionOf("X").AveragePrice, a.PositionOf("X").RealizedPnl));
        a.Apply(F("4", OrderSide.Sell, 35, 100, 1)); // closes 25 at −3 each, opens 10 short at 100
        Assert.Equal((-10.0, 100.0, 30.0), (a.PositionOf("X").Quantity, a.PositionOf("X").AveragePrice, a.PositionOf("X").RealizedPnl));
        a.Mark("X", 95);
        Assert.Equal(50, a.UnrealizedPnl, 9);
        Assert.Equal(10_000 - 1000 - 3120 + 1650 + 3500 - 4, a.Cash, 9);
        Assert.Equal(a.Cash - (10 * 95), a.Equity, 9);
        Assert.Equal(950, a.GrossExposure, 9);
    }

    [Fact]
    public void Ledger_HoldsEveryCashMovement_AndSumsToTheCash()
    {
        var a = new Account(1000, Day0);
        a.Apply(F("1", OrderSide.Buy, 2, 100, 1.5));
        a.Apply(F("2", OrderSide.Sell, 2, 120, 0));
        Assert.Equal(
            [(LedgerEntryKind.Deposit, 1000.0), (LedgerEntryKind.Trade, -200.0), (LedgerEntryKind.Commission, -1.5), (LedgerEntryKind.Trade, 240.0)],
            a.Ledger.Select(e => (e.Kind, e.Amount)));
        Assert.Equal(1038.5, a.Cash, 12);
        Assert.Equal(a.Cash, a.Ledger.Sum(e => e.Amount), 12);
        Assert.Equal(0, a.OpenPositions);
        Assert.Equal(40, a.RealizedPnl, 12);
    }
}
