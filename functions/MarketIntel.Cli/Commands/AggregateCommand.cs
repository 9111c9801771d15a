using System.CommandLine;
using MarketIntel.Core.Market;
using MarketIntel.Core.Market.Csv;

namespace MarketIntel.Cli.Commands;

/// <summary>
/// <c>marketintel aggregate</c>: ticks CSV in arrival order to <c>DIR/&lt;tf&gt;.csv</c> bars and <c>DIR/rejected.csv</c>.
/// </summary>
public static class AggregateCommand
{
    public static Command Create()
    {
        var ticks = new Option<string>("--ticks") { Description = "Ticks CSV: timestamp,symbol,price,size,trade_id in arrival order.", Required = true };
        var lateness = new Option<string>("--allowed-lateness") { Description = "How late a tick may arrive behind its symbol's newest one (e.g. 5s).", DefaultValueFactory = _ => "0s" };
        var timeframes = new Option<string[]>("--timeframe") { Description = "Bar timeframe (1m, 5m, 1h, 1d, 1w, any Nm); repeat for several.", Required = true, AllowMultipleArgumentsPerToken = true };
        var output = new Option<string>("--out") { Description = "Output folder.", Required = true };
        var command = new Command("aggregate", "Aggregate trade ticks into OHLCV bars on one or more timeframes.") { ticks, lateness, timeframes, output };
        command.SetAction(parse => Run(
            CliArguments.ExistingFile("--ticks", parse.GetValue(ticks)),
            CliArguments.Duration("--allowed-lateness", parse.GetValue(lateness)),
            ParseTimeframes(parse.GetValue(timeframes) ?? []),
            parse.GetValue(output)!,
            parse.InvocationConfiguration.Error));
        return command;
    }

    private static Timeframe[] ParseTimeframes(string[] texts)
    {
        var result = new List<Timeframe>();
        foreach (var text in texts)
        {
            var tf = CliArguments.Timeframe("--timeframe", text);
            if (result.Contains(tf))
            {
                throw new CliUsageException($"--timeframe: {tf} is given twice");
            }

            result.Add(tf);
        }

        return [.. result];
    }

    public static int Run(string ticksPath, TimeSpan lateness, Timeframe[] timeframes, string outDir, TextWriter error)
    {
        var sink = new CollectingSink(timeframes);
        var aggregator = new TickAggregator(new TickAggregatorOptions { Timeframes = timeframes, AllowedLateness = lateness }, sink);
        var rejected = new List<(long Index, TickVerdict Reason)>();
        using (var stream = new FileStream(ticksPath, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan))
        using (var reader = new StreamReader(stream, detectEncodingFromByteOrderMarks: true, bufferSize: 1 << 16))
        {
            var csv = new TickCsvReader(reader, ticksPath);
            var progress = new ProgressReporter(error, "aggregate", stream);
            long rows = 0;
            while (csv.TryRead(out var record))
            {
                var verdict = record.IsValid ? aggregator.Offer(record.Tick) : aggregator.RejectInvalid();
                if (verdict != TickVerdict.Accepted)
                {
                    rejected.Add((record.ArrivalIndex, verdict));
                }

                progress.Tick(++rows);
            }

            progress.Done(rows);
        }

        aggregator.Flush();
        Directory.CreateDirectory(outDir);
        for (var f = 0; f < timeframes.Length; f++)
        {
            var bars = sink.Closed[f];
            bars.Sort(static (a, b) =>
            {
                var c = string.CompareOrdinal(a.Symbol.Value, b.Symbol.Value);
                return c != 0 ? c : a.Bar.OpenTime.CompareTo(b.Bar.OpenTime);
            });
            using var writer = new StreamWriter(Path.Combine(outDir, timeframes[f] + ".csv"));
            writer.Write("symbol,timestamp,open,high,low,close,volume,trades\n");
            foreach (var b in bars)
            {
                writer.Write($"{b.Symbol.Value},{MarketText.FormatBarTime(b.Bar.OpenTime)},{MarketText.Format(b.Bar.Open)},{MarketText.Format(b.Bar.High)},{MarketText.Format(b.Bar.Low)},{MarketText.Format(b.Bar.Close)},{MarketText.Format(b.Bar.Volume)},{MarketText.Format(b.Bar.Trades)}\n");
            }
        }

        using (var writer = new StreamWriter(Path.Combine(outDir, "rejected.csv")))
        {
            writer.Write("arrival_index,reason\n");
            foreach (var (index, reason) in rejected)
            {
                writer.Write($"{MarketText.Format(index)},{Reason(reason)}\n");
            }
        }

        var c = aggregator.Counters;
        error.WriteLine($"aggregate: {c.Offered} ticks: {c.Accepted} accepted, {c.Invalid} invalid, {c.Duplicate} duplicate, {c.Late} late; {c.BarsClosed} bars written to {outDir}");
        return CliRunner.Ok;
    }

    public static string Reason(TickVerdict verdict) => verdict switch
    {
        TickVerdict.Invalid => "invalid",
        TickVerdict.Duplicate => "duplicate",
        TickVerdict.Late => "late",
        _ => throw new ArgumentOutOfRangeException(nameof(verdict), verdict, "not a rejection"),
    };

    private sealed class CollectingSink(Timeframe[] timeframes) : IBarSink
    {
        public List<SymbolBar>[] Closed { get; } = Array.ConvertAll(timeframes, _ => new List<SymbolBar>());

        public void OnBarUpdated(in SymbolBar bar)
        {
        }

        public void OnBarClosed(in SymbolBar bar) => Closed[Array.IndexOf(timeframes, bar.Timeframe)].Add(bar);
    }
}
