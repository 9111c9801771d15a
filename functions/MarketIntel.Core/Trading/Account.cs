namespace MarketIntel.Core.Trading;

/// <summary>
/// Cash, netted positions and the ledger of an account. Cash only moves through <see cref="Book"/>, which appends the
/// ledger entry first, so the ledger's sum is the cash balance by construction (and a test checks it).
/// </summary>
public sealed class Account
{
    private readonly List<LedgerEntry> _ledger = [];
    private readonly Dictionary<string, Position> _positions = new(StringComparer.Ordinal);
    private readonly Dictionary<string, double> _marks = new(StringComparer.Ordinal);

    public Account(double startingCash, DateTime opened)
    {
        if (!(startingCash >= 0 && double.IsFinite(startingCash)))
        {
            throw new ArgumentOutOfRangeException(nameof(startingCash), startingCash, "starting cash is a finite amount >= 0");
        }

        StartingCash = startingCash;
        Book(new LedgerEntry(opened, LedgerEntryKind.Deposit, startingCash, null, null));
    }

    public double StartingCash { get; }

    public double Cash { get; private set; }

    public IReadOnlyList<LedgerEntry> Ledger => _ledger;

    /// <summary>Every symbol traded so far, flat ones included (they keep their realized P&amp;L).</summary>
    public IReadOnlyDictionary<string, Position> Positions => _positions;

    public Position PositionOf(string symbol) => _positions.TryGetValue(symbol, out var p) ? p : Position.Flat(symbol);

    public double? LastPrice(string symbol) => _marks.TryGetValue(symbol, out var m) ? m : null;

    public double RealizedPnl => _positions.Values.Sum(p => p.RealizedPnl);

    /// <summary>Open positions marked at the last price seen for each symbol (the fill price until a bar marks it).</summary>
    public double UnrealizedPnl => _positions.Values.Where(p => p.Quantity != 0).Sum(p => p.UnrealizedPnl(_marks[p.Symbol]));

    public double Equity => Cash + _positions.Values.Where(p => p.Quantity != 0).Sum(p => p.Quantity * _marks[p.Symbol]);

    /// <summary>Sum of |position| × last price over open positions.</summary>
    public double GrossExposure => _positions.Values.Where(p => p.Quantity != 0).Sum(p => Math.Abs(p.Quantity) * _marks[p.Symbol]);

    public int OpenPositions => _positions.Values.Count(p => p.Quantity != 0);

    public void Mark(string symbol, double price) => _marks[symbol] = price;

    /// <summary>Books a fill: the traded amount and the commission each become a ledger entry; the position nets.</summary>
    public void Apply(Fill fill)
    {
        ArgumentNullException.ThrowIfNull(fill);
        Book(new LedgerEntry(fill.Time, LedgerEntryKind.Trade, -fill.SignedQuantity * fill.Price, fill.OrderId, fill.Symbol));
        if (fill.Commission != 0)
        {
            Book(new LedgerEntry(fill.Time, LedgerEntryKind.Commission, -fill.Commission, fill.OrderId, fill.Symbol));
        }

        _positions[fill.Symbol] = PositionOf(fill.Symbol).Apply(fill.SignedQuantity, fill.Price);
        _marks.TryAdd(fill.Symbol, fill.Price);
    }

    private void Book(LedgerEntry entry)
    {
        _ledger.Add(entry);
        Cash += entry.Amount;
    }
}
