using System.CommandLine;
using MarketIntel.Core.Market;
using MarketIntel.Core.Market.Csv;

namespace MarketIntel.Cli.Commands;

/// <summary><c>marketintel resample</c>: quotes file to a coarser timeframe, equal to direct tick aggregation.</summary>
public static class ResampleCommand
{
    public static Command Create()
    {
        var bars = new Option<string>("--bars") { Description = "Quotes CSV: timestamp (or date),open,high,low,close,volume.", Required = true };
        var to = new Option<string>("--to") { Description = "Target timeframe (5m, 1h, 1d, 1w ...).", Required = true };
        var from = new Option<string?>("--from") { Description = "Source timeframe; inferred from the bars when omitted." };
        var calendar = new Option<string?>("--calendar") { Description = "For --to 1d: follow an exchange session (XNYS, XNAS) instead of UTC days." };
        var output = new Option<string>("--out") { Description = "Output quotes CSV.", Required = true };
        var command = new Command("resample", "Resample bars to a coarser timeframe.") { bars, to, from, calendar, output };
        command.SetAction(parse => Run(
            CliArguments.ExistingFile("--bars", parse.GetValue(bars)),
            CliArguments.Timeframe("--to", parse.GetValue(to)),
            parse.GetValue(from) is { } f ? CliArguments.Timeframe("--from", f) : null,
            parse.GetValue(calendar),
            parse.GetValue(output)!,
            parse.InvocationConfiguration.Error));
        return command;
    }

    public static int Run(string barsPath, Timeframe target, Timeframe? source, string? calendarId, string outPath, TextWriter error)
    {
        var quotes = QuoteCsvReader.ReadFile(barsPath);
        List<Bar> result;
        if (calendarId is not null)
        {
            if (target != Timeframe.OneDay)
            {
                throw new CliUsageException("--calendar: session calendars apply to --to 1d only");
            }

            var calendar = ExchangeCalendar.FromId(calendarId);
            result = SessionBarBuilder.Daily(quotes.Bars, calendar);
        }
        else
        {
            var src = source ?? BarResampler.InferTimeframe(quotes.Bars);
            if (src is { } s && !target.IsMultipleOf(s))
            {
                throw new CliUsageException($"--to: {target} bars are not whole unions of the input's {s} bars; choose a multiple of {s}");
            }

            result = BarResampler.Resample(quotes.Bars, target, src);
        }

        var dir = Path.GetDirectoryName(Path.GetFullPath(outPath));
        if (dir is not null)
        {
            Directory.CreateDirectory(dir);
        }

        using (var writer = new StreamWriter(outPath))
        {
            QuoteCsvWriter.Write(writer, result);
        }

        error.WriteLine($"resample: {quotes.Bars.Count} bars to {result.Count} {target} bars in {outPath}");
        return CliRunner.Ok;
    }
}
