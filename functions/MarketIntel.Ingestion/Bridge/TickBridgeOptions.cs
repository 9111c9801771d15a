using System.Globalization;
using MarketIntel.Ingestion.Providers;
using Microsoft.Extensions.Configuration;

namespace MarketIntel.Ingestion.Bridge;

/// <summary>
/// Settings of the <see cref="TickBridge"/> (settings <c>Ticks:Bridge:*</c>, <see cref="Keys"/>). <see cref="Validate"/> names the setting at
/// fault and what it expects, so a wrong value stops the host at start-up with the reason.
/// </summary>
public sealed record TickBridgeOptions
{
    /// <summary>The setting names (app-setting form: <c>Ticks__Bridge__Enabled</c>).</summary>
    public static class Keys
    {
        public const string Enabled = "Ticks:Bridge:Enabled";
        public const string Sink = "Ticks:Bridge:Sink";
        public const string Streams = "Ticks:Bridge:Streams";
        public const string Symbols = "Ticks:Bridge:Symbols";
        public const string MaxBatchMessages = "Ticks:Bridge:MaxBatchMessages";
        public const string MaxBatchDelay = "Ticks:Bridge:MaxBatchDelay";
        public const string InitialReconnectDelay = "Ticks:Bridge:InitialReconnectDelay";
        public const string MaxReconnectDelay = "Ticks:Bridge:MaxReconnectDelay";
        public const string RepairFromRest = "Ticks:Bridge:RepairFromRest";
        public const string RepairDelay = "Ticks:Bridge:RepairDelay";
    }

    /// <summary>Whether the host runs the bridge.</summary>
    public bool Enabled { get; init; } = true;

    /// <summary>The trade streams to hold: <c>simulator</c>, <c>binance</c>, <c>coinbase</c>.</summary>
    public IReadOnlyList<string> Streams { get; init; } = [ProviderNames.Simulator];

    /// <summary>The symbols each stream subscribes to (the venue's spelling or the canonical one).</summary>
    public IReadOnlyList<string> Symbols { get; init; } = [];

    /// <summary>A batch is handed to the sink when it holds this many trades ...</summary>
    public int MaxBatchMessages { get; init; } = 500;

    /// <summary>... or when its first trade has waited this long, whichever comes first.</summary>
    public TimeSpan MaxBatchDelay { get; init; } = TimeSpan.FromMilliseconds(250);

    /// <summary>First wait before a stream that ended or failed is opened again (and a failed batch re-sent); doubled per failure, with jitter.</summary>
    public TimeSpan InitialReconnectDelay { get; init; } = TimeSpan.FromMilliseconds(250);

    public TimeSpan MaxReconnectDelay { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Repair what a stream missed from the REST provider of the same name (outages, lost trades, partial bars).</summary>
    public bool RepairFromRest { get; init; } = true;

    /// <summary>
    /// How long (in the stream's trade time) after a bar is final for the tick processor a marked bar waits before its
    /// REST repair: zero in process (the batch is stored when the sink returns); in Azure the consumer lags the producer,
    /// and a repair must not be overwritten by the bar's last ticks still in the hub.
    /// </summary>
    public TimeSpan RepairDelay { get; init; } = TimeSpan.Zero;

    /// <summary>A stream that ends is not opened again (a replay: the bridge finishes its repairs and stops). Off for live feeds.</summary>
    public bool StopWhenStreamsEnd { get; init; }

    public void Validate()
    {
        if (Streams.Count == 0)
        {
            throw new ArgumentException($"{Keys.Streams} is empty; expected one or more of simulator, binance, coinbase.");
        }

        foreach (var stream in Streams)
        {
            if (stream is not (ProviderNames.Simulator or ProviderNames.Binance or ProviderNames.Coinbase))
            {
                throw new ArgumentException($"{Keys.Streams} has '{stream}'; expected simulator, binance or coinbase.");
            }
        }

        if (Streams.Distinct(StringComparer.Ordinal).Count() != Streams.Count)
        {
            throw new ArgumentException($"{Keys.Streams} names a stream twice ({string.Join(",", Streams)}).");
        }

        if (Symbols.Count == 0)
        {
            throw new ArgumentException($"{Keys.Symbols} is empty; expected the symbols to stream, such as BTC-USD,ETH-USD.");
        }

        if (MaxBatchMessages is < 1 or > 10_000)
        {
            throw new ArgumentException($"{Keys.MaxBatchMessages} is {MaxBatchMessages}; expected 1 to 10000.");
        }

        if (MaxBatchDelay <= TimeSpan.Zero || MaxBatchDelay > TimeSpan.FromMinutes(1))
        {
            throw new ArgumentException($"{Keys.MaxBatchDelay} is {MaxBatchDelay}; expected more than 0 and at most 00:01:00.");
        }

        if (InitialReconnectDelay <= TimeSpan.Zero || MaxReconnectDelay < InitialReconnectDelay)
        {
            throw new ArgumentException($"{Keys.InitialReconnectDelay} ({InitialReconnectDelay}) must be more than 0 and at most MaxReconnectDelay ({MaxReconnectDelay}).");
        }

        if (RepairDelay < TimeSpan.Zero)
        {
            throw new ArgumentException($"{Keys.RepairDelay} is {RepairDelay}; expected 0 or more.");
        }
    }

    /// <summary>
    /// The configured options over <paramref name="defaults"/>: lists are comma-separated (<c>Streams=binance,coinbase</c>),
    /// times are <c>hh:mm:ss[.fff]</c> or milliseconds (<c>MaxBatchDelay=250</c>). Validated.
    /// </summary>
    public static TickBridgeOptions From(IConfiguration configuration, TickBridgeOptions defaults)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(defaults);
        var options = defaults with
        {
            Enabled = Bool(configuration, Keys.Enabled) ?? defaults.Enabled,
            Streams = List(configuration, Keys.Streams, lower: true) ?? defaults.Streams,
            Symbols = List(configuration, Keys.Symbols, lower: false) ?? defaults.Symbols,
            MaxBatchMessages = Int(configuration, Keys.MaxBatchMessages) ?? defaults.MaxBatchMessages,
            MaxBatchDelay = Time(configuration, Keys.MaxBatchDelay) ?? defaults.MaxBatchDelay,
            InitialReconnectDelay = Time(configuration, Keys.InitialReconnectDelay) ?? defaults.InitialReconnectDelay,
            MaxReconnectDelay = Time(configuration, Keys.MaxReconnectDelay) ?? defaults.MaxReconnectDelay,
            RepairFromRest = Bool(configuration, Keys.RepairFromRest) ?? defaults.RepairFromRest,
            RepairDelay = Time(configuration, Keys.RepairDelay) ?? defaults.RepairDelay,
        };
        if (options.Enabled)
        {
            options.Validate();
        }

        return options;
    }

    private static bool? Bool(IConfiguration configuration, string key) => configuration[key] switch
    {
        null or "" => null,
        var text when bool.TryParse(text, out var value) => value,
        var text => throw new ArgumentException($"{key} is '{text}'; expected true or false."),
    };

    private static int? Int(IConfiguration configuration, string key) => configuration[key] switch
    {
        null or "" => null,
        var text when int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) => value,
        var text => throw new ArgumentException($"{key} is '{text}'; expected a whole number."),
    };

    private static TimeSpan? Time(IConfiguration configuration, string key) => configuration[key] switch
    {
        null or "" => null,
        var text when int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var ms) => TimeSpan.FromMilliseconds(ms),
        var text when TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out var value) => value,
        var text => throw new ArgumentException($"{key} is '{text}'; expected milliseconds or hh:mm:ss."),
    };

    private static List<string>? List(IConfiguration configuration, string key, bool lower)
    {
        var text = configuration[key];
        var items = !string.IsNullOrWhiteSpace(text)
            ? text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList()
            : configuration.GetSection(key).GetChildren().Select(c => c.Value?.Trim()).OfType<string>().Where(v => v.Length > 0).ToList();
        if (items.Count == 0)
        {
            return null;
        }

        return lower ? items.ConvertAll(i => i.ToLowerInvariant()) : items;
    }
}
