using System.Globalization;
using MarketIntel.Core.Market;
using MarketIntel.Core.Scanning;
using Microsoft.Extensions.Configuration;
using NCrontab;

namespace MarketIntel.Pipeline.Scheduling;

/// <summary>
/// What the scheduled pipeline does, read from the same setting names in the Functions app and the local host (see
/// <see cref="Keys"/>): which provider and timeframe to ingest, which watchlist is the universe, which built-in scan
/// runs on schedule, and the six-field NCrontab schedules (the Functions timer syntax).
/// </summary>
public sealed record PipelineSettings
{
    public string Provider { get; init; } = "simulator";

    public Timeframe Timeframe { get; init; } = Timeframe.OneMinute;

    public string Watchlist { get; init; } = "default";

    public string ScanStrategy { get; init; } = "ema-cross";

    public int BatchSize { get; init; } = 25;

    /// <summary>How far back a series never ingested starts.</summary>
    public TimeSpan InitialLookback { get; init; } = TimeSpan.FromDays(2);

    /// <summary>Bars a scan reads per symbol (its history, for setups and their outcome statistics).</summary>
    public int ScanBars { get; init; } = 2000;

    /// <summary>A scan run's ranked setups are those raised within this many bars of each symbol's last bar.</summary>
    public int RecentSetupBars { get; init; } = 120;

    public int RawArchiveRetentionDays { get; init; } = 30;

    public string IngestSchedule { get; init; } = "0 */1 * * * *";

    public string ScanSchedule { get; init; } = "0 */5 * * * *";

    public string OutcomeSchedule { get; init; } = "0 */15 * * * *";

    public string RetentionSchedule { get; init; } = "0 30 3 * * *";

    public static class Keys
    {
        public const string Provider = "Pipeline:Provider";
        public const string Timeframe = "Pipeline:Timeframe";
        public const string Watchlist = "Pipeline:Watchlist";
        public const string ScanStrategy = "Pipeline:ScanStrategy";
        public const string BatchSize = "Pipeline:BatchSize";
        public const string InitialLookbackHours = "Pipeline:InitialLookbackHours";
        public const string ScanBars = "Pipeline:ScanBars";
        public const string RecentSetupBars = "Pipeline:RecentSetupBars";
        public const string RawArchiveRetentionDays = "Pipeline:RawArchiveRetentionDays";
        public const string IngestSchedule = "IngestSchedule";
        public const string ScanSchedule = "ScanSchedule";
        public const string OutcomeSchedule = "OutcomeSchedule";
        public const string RetentionSchedule = "RetentionSchedule";
    }

    /// <exception cref="ArgumentException">A setting is malformed; the message names it and says what is valid.</exception>
    public static PipelineSettings From(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var d = new PipelineSettings();
        var timeframeText = Text(configuration, Keys.Timeframe);
        var timeframe = d.Timeframe;
        if (timeframeText is not null && !Timeframe.TryParse(timeframeText, out timeframe, out var error))
        {
            throw new ArgumentException($"{Keys.Timeframe} is '{timeframeText}': {error}");
        }

        var strategy = Text(configuration, Keys.ScanStrategy) ?? d.ScanStrategy;
        if (!StrategyCatalog.Names.Contains(strategy, StringComparer.OrdinalIgnoreCase))
        {
            throw new ArgumentException($"{Keys.ScanStrategy} is '{strategy}'; built-in strategies: {string.Join(", ", StrategyCatalog.Names)}");
        }

        var watchlist = Text(configuration, Keys.Watchlist) ?? d.Watchlist;
        if (watchlist.Length > 64 || !watchlist.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
        {
            throw new ArgumentException($"{Keys.Watchlist} is '{watchlist}': 1-64 letters, digits, - or _");
        }

        return new PipelineSettings
        {
            Provider = (Text(configuration, Keys.Provider) ?? d.Provider).ToLowerInvariant(),
            Timeframe = timeframe,
            Watchlist = watchlist,
            ScanStrategy = strategy.ToLowerInvariant(),
            BatchSize = Integer(configuration, Keys.BatchSize, d.BatchSize, 1, 1000),
            InitialLookback = TimeSpan.FromHours(Integer(configuration, Keys.InitialLookbackHours, (int)d.InitialLookback.TotalHours, 1, 24 * 3650)),
            ScanBars = Integer(configuration, Keys.ScanBars, d.ScanBars, 50, 100_000),
            RecentSetupBars = Integer(configuration, Keys.RecentSetupBars, d.RecentSetupBars, 1, 100_000),
            RawArchiveRetentionDays = Integer(configuration, Keys.RawArchiveRetentionDays, d.RawArchiveRetentionDays, 1, 3650),
            IngestSchedule = Schedule(configuration, Keys.IngestSchedule, d.IngestSchedule),
            ScanSchedule = Schedule(configuration, Keys.ScanSchedule, d.ScanSchedule),
            OutcomeSchedule = Schedule(configuration, Keys.OutcomeSchedule, d.OutcomeSchedule),
            RetentionSchedule = Schedule(configuration, Keys.RetentionSchedule, d.RetentionSchedule),
        };
    }

    /// <summary>Parses a six-field expression (seconds first), as Azure Functions timers take it.</summary>
    public static CrontabSchedule ParseSchedule(string key, string expression)
    {
        var schedule = CrontabSchedule.TryParse(expression, new CrontabSchedule.ParseOptions { IncludingSeconds = true });
        return schedule ?? throw new ArgumentException($"{key} is '{expression}': not a six-field cron expression (second minute hour day month weekday), e.g. '0 */5 * * * *'");
    }

    private static string Schedule(IConfiguration configuration, string key, string fallback)
    {
        var text = Text(configuration, key) ?? fallback;
        ParseSchedule(key, text);
        return text;
    }

    private static string? Text(IConfiguration configuration, string key) =>
        configuration[key] is { } value && !string.IsNullOrWhiteSpace(value) ? value.Trim() : null;

    private static int Integer(IConfiguration configuration, string key, int fallback, int min, int max)
    {
        var text = Text(configuration, key);
        if (text is null)
        {
            return fallback;
        }

        return int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max
            ? value
            : throw new ArgumentException($"{key} is '{text}'; expected a whole number from {min.ToString(CultureInfo.InvariantCulture)} to {max.ToString(CultureInfo.InvariantCulture)}");
    }
}
