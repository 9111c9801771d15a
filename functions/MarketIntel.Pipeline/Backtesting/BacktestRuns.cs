using System.Globalization;
using System.Text.Json;
using MarketIntel.Core.Backtesting;
using MarketIntel.Core.Indicators;
using MarketIntel.Core.Market;
using MarketIntel.Core.Scanning;
using MarketIntel.Core.Storage;
using MarketIntel.Pipeline.ReadModels;
using MarketIntel.Pipeline.Scheduling;

namespace MarketIntel.Pipeline.Backtesting;

/// <summary>
/// Backtests a built-in strategy over stored bars (the same <see cref="BacktestEngine"/> as the CLI) and keeps every
/// variant tried as a trial, so that the deflated Sharpe ratio of each run accounts for all the variants of the
/// strategy tried before it: trying ten parameter sets and keeping the best is exactly what it corrects for.
/// </summary>
public sealed class BacktestRuns(IBarStore bars, IRecordStore records, PipelineSettings settings, TimeProvider time)
{
    public const int MaxSymbols = 100;
    public const int MaxBars = 5_000;
    public const int DefaultBars = 500;
    public const int RecentTrades = 200;
    private const int MinBars = 30;

    /// <summary>Runs the request, records its variant as a trial and returns the report; a bad field is a <see cref="BacktestRequestException"/>.</summary>
    public async Task<BacktestReport> RunAsync(BacktestRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var (strategy, parameters) = Strategy(request);
        var timeframe = settings.Timeframe;
        if (request.Timeframe is not null && !Timeframe.TryParse(request.Timeframe, out timeframe, out var timeframeError))
        {
            throw Bad("timeframe", timeframeError);
        }

        var symbols = Symbols(request.Symbols);
        var count = request.Bars ?? DefaultBars;
        if (count is < MinBars or > MaxBars)
        {
            throw Bad("bars", $"{count} is not between {MinBars} and {MaxBars}");
        }

        var fillText = request.Fill ?? "next-open";
        IFillModel fill;
        try
        {
            fill = FillModels.Parse(fillText);
        }
        catch (ArgumentException ex)
        {
            throw Bad("fill", ex.Message);
        }

        var commission = Checked("commission", request.Commission ?? 0, 0, 1e6);
        var slippage = Checked("slippage", request.Slippage ?? 0, 0, 0.1);
        var quantity = Checked("quantity", request.Quantity ?? 1, double.Epsilon, 1e9);
        var capital = Checked("capital", request.Capital ?? 100_000, double.Epsilon, 1e12);

        var until = time.GetUtcNow().UtcDateTime;
        var universe = new List<ScanSeries>();
        var missing = new List<string>();
        foreach (var symbol in symbols)
        {
            var history = await BarHistory.ReadLastAsync(bars, new Symbol(symbol), timeframe, settings.Timeframe, count, until, cancellationToken).ConfigureAwait(false);
            if (history.Count < MinBars)
            {
                missing.Add(symbol);
                continue;
            }

            universe.Add(new ScanSeries(symbol, BarSeries.From(history), timeframe));
        }

        if (universe.Count == 0)
        {
            throw new BacktestRequestException(404, "symbols", $"none of the symbols has {MinBars} or more {timeframe} bars stored; ingest them first");
        }

        var options = new BacktestOptions
        {
            InitialCapital = capital,
            Fill = fill,
            Commission = CommissionModels.PerFill(commission),
            Slippage = SlippageModels.Fraction(slippage),
            Sizer = PositionSizers.Fixed(quantity),
        };
        var result = BacktestEngine.Run(universe, strategy, options);
        var first = result.Metrics;

        var variant = StorageKey.Hash(
            strategy.Name, string.Join(',', parameters.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key}={p.Value.ToString("R", CultureInfo.InvariantCulture)}")),
            timeframe.ToString(), string.Join(',', symbols), count.ToString(CultureInfo.InvariantCulture), fillText,
            commission.ToString("R", CultureInfo.InvariantCulture), slippage.ToString("R", CultureInfo.InvariantCulture), quantity.ToString("R", CultureInfo.InvariantCulture));
        var trial = new BacktestTrial(variant, strategy.Name, parameters, timeframe.ToString(), universe.Count, fillText, Finite(first.SharpePerPeriod), Finite(first.Sharpe), Finite(first.TotalReturn), first.TradeCount, time.GetUtcNow());
        await records.UpsertAsync(new RecordEnvelope<BacktestTrial>(variant, Partition(strategy.Name), RecordKinds.BacktestTrial, time.GetUtcNow(),
            JsonSerializer.SerializeToElement(new { strategy = strategy.Name, parameters, timeframe = timeframe.ToString(), symbols, bars = count, fill = fillText, commission, slippage, quantity }),
            PipelineVersion.Current, "completed", trial), cancellationToken).ConfigureAwait(false);
        var trials = await TrialsAsync(strategy.Name, cancellationToken).ConfigureAwait(false);

        // The variance of the trials' per-bar Sharpe ratios, when there are enough defined ones to estimate it; else the
        // deflated Sharpe falls back to the estimator's own variance. The run itself does not change with the trial
        // count: only its deflated Sharpe does, recomputed here as BacktestMetrics.Compute does.
        var sharpes = trials.Where(t => t.SharpePerPeriod is not null).Select(t => t.SharpePerPeriod!.Value).ToArray();
        var mean = sharpes.Length > 0 ? sharpes.Average() : 0;
        double? variance = sharpes.Length >= 2 ? sharpes.Sum(s => (s - mean) * (s - mean)) / (sharpes.Length - 1) : null;
        variance = variance is > 0 ? variance : null;
        var tried = Math.Max(1, trials.Count);
        var metrics = first with
        {
            Trials = tried,
            DeflatedSharpe = double.IsFinite(first.SharpePerPeriod)
                ? SharpeStatistics.Deflated(first.SharpePerPeriod, first.Periods, first.Skewness, first.Kurtosis, tried, variance)
                : double.NaN,
        };
        var recent = result.Trades.Count <= RecentTrades ? result.Trades : result.Trades.Skip(result.Trades.Count - RecentTrades).ToArray();
        return new BacktestReport(variant, strategy.Name, strategy.ToString() ?? strategy.Name, parameters, timeframe.ToString(), universe.Select(u => u.Symbol).ToArray(), missing,
            universe.Min(u => u.Bars.Time[0]), universe.Max(u => u.Bars.Time[^1]),
            BacktestMetricsView.Of(metrics), variance, recent, trials, PipelineVersion.Current);
    }

    /// <summary>Every variant of the strategy tried so far, newest first.</summary>
    public async Task<IReadOnlyList<BacktestTrial>> TrialsAsync(string strategy, CancellationToken cancellationToken = default)
    {
        if (!StrategyCatalog.Names.Contains(strategy, StringComparer.Ordinal))
        {
            throw Bad("strategy", $"unknown strategy '{strategy}'; built-in strategies: {string.Join(", ", StrategyCatalog.Names)}");
        }

        var trials = new List<BacktestTrial>();
        await foreach (var record in records.ReadAllAsync<BacktestTrial>(RecordKinds.BacktestTrial, Partition(strategy), cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            trials.Add(record.Payload);
        }

        return trials.OrderByDescending(t => t.RunAt).ThenBy(t => t.Variant, StringComparer.Ordinal).ToArray();
    }

    private static double? Finite(double value) => double.IsFinite(value) ? value : null;

    private static string Partition(string strategy) => StorageKey.Compose("backtest", strategy);

    private static (ITradingStrategy Strategy, IReadOnlyDictionary<string, double> Parameters) Strategy(BacktestRequest request)
    {
        if (string.IsNullOrWhiteSpace(request.Strategy))
        {
            throw Bad("strategy", $"a built-in strategy is required: {string.Join(", ", StrategyCatalog.Names)}");
        }

        foreach (var (name, value) in request.Parameters ?? new Dictionary<string, double>())
        {
            if (!double.IsFinite(value))
            {
                throw Bad($"parameters.{name}", "must be a finite number");
            }
        }

        try
        {
            var strategy = StrategyCatalog.Create(request.Strategy, request.Parameters);
            var entry = StrategyCatalog.Describe().First(d => d.Name == strategy.Name);
            var values = entry.Parameters.ToDictionary(p => p.Name, p => p.Default, StringComparer.Ordinal);
            foreach (var (name, value) in request.Parameters ?? new Dictionary<string, double>())
            {
                values[entry.Parameters.First(p => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase)).Name] = value;
            }

            return (strategy, values);
        }
        catch (StrategyException ex)
        {
            throw Bad(ex.Field, ex.Message);
        }
    }

    private static List<string> Symbols(IReadOnlyList<string>? symbols)
    {
        if (symbols is null || symbols.Count == 0)
        {
            throw Bad("symbols", "one or more symbols are required");
        }

        if (symbols.Count > MaxSymbols)
        {
            throw Bad("symbols", $"{symbols.Count} symbols; at most {MaxSymbols} per backtest");
        }

        for (var i = 0; i < symbols.Count; i++)
        {
            if (!Symbol.IsValid(symbols[i], out var reason))
            {
                throw Bad($"symbols[{i}]", reason);
            }
        }

        return symbols.Distinct(StringComparer.Ordinal).ToList();
    }

    private static double Checked(string field, double value, double min, double max) =>
        double.IsFinite(value) && value >= min && value <= max ? value : throw Bad(field, $"{value} is not between {min} and {max}");

    private static BacktestRequestException Bad(string field, string message) => new(400, field, message);
}
