using System.CommandLine;
using System.Globalization;
using System.Text;
using MarketIntel.Core.Backtesting;
using MarketIntel.Core.Market.Csv;
using MarketIntel.Core.Trading;

namespace MarketIntel.Cli.Commands;

/// <summary>
/// <c>marketintel paper replay --quotes Q.csv --orders O.csv --cash C --commission X --slippage S [--max-participation P]
/// [--max-position N] [--allow-short] --out DIR</c>: replays an orders file against one symbol's bars through the paper
/// execution engine (the contract is <see cref="PaperReplay"/>'s and <see cref="BarFillModel"/>'s) and writes
/// <c>DIR/fills.csv</c> (<c>order_id,timestamp,side,quantity,price,commission</c>, in fill order),
/// <c>DIR/orders.csv</c> (<c>order_id,status,filled_quantity,average_price,reason</c>, in file order) and
/// <c>DIR/equity.csv</c> (<c>timestamp,cash,position,equity</c>, per bar). <c>--commission</c> is currency per fill,
/// <c>--slippage</c> a fraction of the price. Timestamps are echoed as written in the quotes file; numbers round-trip.
/// </summary>
public static class PaperCommand
{
    public static Command Create()
    {
        var quotes = new Option<string>("--quotes") { Description = "Quotes CSV of one symbol: timestamp,open,high,low,close,volume." };
        var orders = new Option<string>("--orders") { Description = "Orders CSV: id,time,side,type,quantity,limit_price,stop_price,tif." };
        var cash = new Option<double>("--cash") { Description = "Starting cash." };
        var commission = new Option<double>("--commission") { Description = "Commission per fill, in currency (partial fills each pay it)." };
        var slippage = new Option<double>("--slippage") { Description = "Adverse slippage on market and stop fills, a fraction of the price." };
        var participation = new Option<double?>("--max-participation") { Description = "Most of a bar's volume one order may fill, a fraction (fills floor(P × volume))." };
        var maxPosition = new Option<double?>("--max-position") { Description = "Largest |position| in units, counting working orders as filled." };
        var allowShort = new Option<bool>("--allow-short") { Description = "Allow sells that could take the position below zero." };
        var output = new Option<string>("--out") { Description = "Output folder." };
        var replay = new Command("replay", "Replay orders against quotes with the paper execution engine: fills, order states and equity.")
        {
            quotes, orders, cash, commission, slippage, participation, maxPosition, allowShort, output,
        };
        replay.SetAction(parse =>
        {
            var quotesPath = parse.GetValue(quotes) ?? throw new CliUsageException("--quotes: a quotes file is required");
            var ordersPath = parse.GetValue(orders) ?? throw new CliUsageException("--orders: an orders file is required");
            var outDir = parse.GetValue(output) ?? throw new CliUsageException("--out: an output folder is required");
            if (parse.GetResult(cash) is null)
            {
                throw new CliUsageException("--cash: the starting cash is required");
            }

            var options = new ExecutionOptions
            {
                Commission = CommissionModels.PerFill(NonNegative("--commission", parse.GetValue(commission))),
                Slippage = SlippageModels.Fraction(Fraction("--slippage", parse.GetValue(slippage))),
                MaxParticipation = parse.GetValue(participation) is { } p ? (p is > 0 and <= 1 ? p : throw new CliUsageException("--max-participation: a fraction in (0, 1]")) : null,
                Instrument = new InstrumentRules(true, 0),
                Limits = new RiskLimits
                {
                    AllowShort = parse.GetValue(allowShort),
                    MaxPosition = parse.GetValue(maxPosition) is { } n ? NonNegative("--max-position", n) : null,
                },
            };
            return Run(quotesPath, ordersPath, NonNegative("--cash", parse.GetValue(cash)), options, outDir, parse.InvocationConfiguration.Error);
        });
        return new Command("paper", "Paper trading.") { replay };
    }

    public static int Run(string quotesPath, string ordersPath, double cash, ExecutionOptions options, string outDir, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(error);
        var quotes = QuoteCsvReader.ReadFile(quotesPath);
        var orders = OrderCsvReader.ReadFile(ordersPath, PaperReplay.Symbol);
        var result = PaperReplay.Run(quotes.Bars, orders, cash, options);
        var times = new Dictionary<DateTime, string>(quotes.Bars.Count);
        for (var i = 0; i < quotes.Bars.Count; i++)
        {
            times[quotes.Bars[i].OpenTime] = quotes.TimestampTexts[i];
        }

        Directory.CreateDirectory(outDir);
        var line = new StringBuilder();
        using (var w = CsvOut.Create(Path.Combine(outDir, "fills.csv")))
        {
            w.Write("order_id,timestamp,side,quantity,price,commission\n");
            foreach (var f in result.Fills)
            {
                line.Clear().Append(CsvOut.Escape(f.OrderId)).Append(',').Append(times[f.Time]).Append(',')
                    .Append(f.Side == OrderSide.Buy ? "buy" : "sell").Append(',').Append(MarketText.Format(f.Quantity)).Append(',')
                    .Append(MarketText.Format(f.Price)).Append(',').Append(MarketText.Format(f.Commission)).Append('\n');
                w.Write(line);
            }
        }

        using (var w = CsvOut.Create(Path.Combine(outDir, "orders.csv")))
        {
            w.Write("order_id,status,filled_quantity,average_price,reason\n");
            foreach (var o in result.Orders)
            {
                line.Clear().Append(CsvOut.Escape(o.Id)).Append(',').Append(Status(o.Status)).Append(',')
                    .Append(MarketText.Format(o.FilledQuantity)).Append(',').Append(CsvOut.Number(o.AveragePrice)).Append(',')
                    .Append(o.Status == OrderStatus.Rejected ? o.Reason : string.Empty).Append('\n');
                w.Write(line);
            }
        }

        using (var w = CsvOut.Create(Path.Combine(outDir, "equity.csv")))
        {
            w.Write("timestamp,cash,position,equity\n");
            foreach (var e in result.Equity)
            {
                line.Clear().Append(times[e.Time]).Append(',').Append(MarketText.Format(e.Cash)).Append(',')
                    .Append(MarketText.Format(e.Position)).Append(',').Append(MarketText.Format(e.Equity)).Append('\n');
                w.Write(line);
            }
        }

        var filled = result.Orders.Count(o => o.Status == OrderStatus.Filled);
        var rejected = result.Orders.Count(o => o.Status == OrderStatus.Rejected);
        error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"paper replay: {result.Orders.Count} order(s), {filled} filled, {rejected} rejected, {result.Fills.Count} fill(s); final equity {(result.Equity.Count > 0 ? result.Equity[^1].Equity : cash)}; written to {outDir}"));
        return CliRunner.Ok;
    }

    /// <summary>The contract's five statuses: anything still working (or never reached) is <c>open</c>.</summary>
    public static string Status(OrderStatus status) => status switch
    {
        OrderStatus.Filled => "filled",
        OrderStatus.Canceled => "canceled",
        OrderStatus.Expired => "expired",
        OrderStatus.Rejected => "rejected",
        _ => "open",
    };

    private static double NonNegative(string option, double v) => v >= 0 && double.IsFinite(v) ? v : throw new CliUsageException($"{option}: must be a number >= 0");

    private static double Fraction(string option, double v) => v is >= 0 and < 1 ? v : throw new CliUsageException($"{option}: must be a fraction, 0 <= S < 1");
}
