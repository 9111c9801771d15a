using MarketIntel.Core.Indicators.Streaming;

namespace MarketIntel.Core.Indicators.Catalog;

/// <summary>A parsed spec string: the definition and its validated arguments.</summary>
public sealed class IndicatorSpec(string text, IndicatorDefinition definition, IndicatorArguments arguments)
{
    public string Text { get; } = text;

    public IndicatorDefinition Definition { get; } = definition;

    public IndicatorArguments Arguments { get; } = arguments;

    public int WarmUp => Definition.WarmUp(Arguments);

    public IndicatorOutput Evaluate(BarSeries series, BarSeries? market = null)
    {
        ArgumentNullException.ThrowIfNull(series);
        if (Definition.RequiresMarket && market is null)
        {
            throw new ArgumentException($"{Definition.Name} needs a second (market) series", nameof(market));
        }

        return Definition.Evaluate(Arguments, series, market);
    }

    public IStreamingIndicator CreateStream() => Definition.CreateStream is { } create
        ? create(Arguments)
        : throw new NotSupportedException($"{Definition.Name} has no streaming form");

    public PairStreamingIndicator CreatePairStream() => Definition.CreatePairStream is { } create
        ? create(Arguments)
        : throw new NotSupportedException($"{Definition.Name} has no two-series streaming form");

    public override string ToString() => Text;
}
