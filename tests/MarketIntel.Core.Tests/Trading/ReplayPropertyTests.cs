using FsCheck;
using FsCheck.Fluent;
using MarketIntel.Core.Trading;

namespace MarketIntel.Core.Tests.Trading;

/// <summary>Laws of every replay, checked by FsCheck on random bars, orders and limits.</summary>
public sealed class ReplayPropertyTests
{
    private static readonly Config Config = Config.QuickThrowOnFailure.WithMaxTest(300);

    [Fact]
    public void Cash_IsStartingCashPlusTheLedger_AtEveryStep()
    {
        Check.One(Config, Prop.ForAll(ReplayCase.Generate().ToArbitrary(), c =>
        {
            var r = c.Run();
            var ledger = r.Account.Ledger;
            var running = 0.0;
            foreach (var e in ledger)
            {
                running += e.Amount;
            }

            var fills = r.Fills.Sum(f => (-f.SignedQuantity * f.Price) - f.Commission);
            return running == r.Account.Cash
                && ledger[0].Kind == LedgerEntryKind.Deposit && ledger[0].Amount == c.Cash
                && Math.Abs(c.Cash + ledger.Skip(1).Sum(e => e.Amount) - r.Account.Cash) <= 1e-9 * Math.Max(1, Math.Abs(c.Cash) + r.Fills.Sum(f => f.Quantity * f.Price))
                && Math.Abs(c.Cash + fills - r.Account.Cash) <= 1e-9 * Math.Max(1, Math.Abs(c.Cash) + r.Fills.Sum(f => f.Quantity * f.Price))
                && ledger.Count(e => e.Kind == LedgerEntryKind.Trade) == r.Fills.Count;
        }));
    }

    [Fact]
    public void Position_IsTheSignedSumOfFills_AndOrdersFillNoMoreThanTheirQuantity()
    {
        Check.One(Config, Prop.ForAll(ReplayCase.Generate().ToArbitrary(), c =>
        {
            var r = c.Run();
            var position = 0.0;
            var byBar = r.Fills.GroupBy(f => f.Time).ToDictionary(g => g.Key, g => g.Sum(f => f.SignedQuantity));
            foreach (var point in r.Equity)
            {
                position += byBar.GetValueOrDefault(point.Time);
                if (point.Position != position)
                {
                    return false;
                }
            }

            return r.Orders.All(o => o.FilledQuantity <= o.Request.Quantity && o.FilledQuantity == r.Fills.Where(f => f.OrderId == o.Id).Sum(f => f.Quantity))
                && r.Account.PositionOf(PaperReplay.Symbol).Quantity == position;
        }));
    }

    [Fact]
    public void NoAcceptedOrder_EverLetsThePositionLimitsBeBreached()
    {
        Check.One(Config, Prop.ForAll(ReplayCase.Generate().ToArbitrary(), c =>
        {
            var r = c.Run();
            return r.Equity.All(p =>
                (c.AllowShort || p.Position >= 0)
                && (c.MaxPosition is not { } n || Math.Abs(p.Position) <= n));
        }));
    }

    /// <summary>
    /// Cash never goes negative when each order's fill price is bounded by its reference price and fills once: market
    /// orders (filled at the activation bar's open), limits and stop-limits, with no participation cap. (Stops that gap
    /// later and capped partial fills, each paying a commission, can exceed the contract's reservation: see the README.)
    /// </summary>
    [Fact]
    public void NoAcceptedOrder_EverLetsCashGoNegative_WhenFillsAreBoundedByTheReference()
    {
        var gen = ReplayCase.Generate([OrderType.Market, OrderType.Limit, OrderType.StopLimit], participation: false);
        Check.One(Config, Prop.ForAll(gen.ToArbitrary(), c => c.Run().Equity.All(p => p.Cash >= -1e-9)));
    }

    [Fact]
    public void EveryOrder_HasAHistoryThatExplainsItsState()
    {
        Check.One(Config, Prop.ForAll(ReplayCase.Generate().ToArbitrary(), c =>
        {
            var r = c.Run();
            return r.Orders.All(o =>
                (o.Events.Count == 0 ? o.Status == OrderStatus.New : o.Events[^1].To == o.Status && o.Events[0].From == OrderStatus.New)
                && o.Events.Zip(o.Events.Skip(1)).All(p => p.First.To == p.Second.From && p.First.Time <= p.Second.Time)
                && (o.Request.TimeInForce != TimeInForce.Ioc || !o.IsWorking));
        }));
    }
}
