using MarketIntel.Core.Indicators.Streaming;

namespace MarketIntel.Core.Indicators.Catalog;

/// <summary>
/// Catalog metadata and entry points of one indicator. <see cref="WarmUp"/> gives, for given arguments, how many
/// leading bars have no value in the first output (a lower bound when <see cref="DataDependentWarmUp"/>).
/// </summary>
public sealed class IndicatorDefinition
{
    public required string Name { get; init; }

    public required string Title { get; init; }

    public required string Category { get; init; }

    public IReadOnlyList<IndicatorParameter> Parameters { get; init; } = [];

    public required IReadOnlyList<string> Outputs { get; init; }

    public required Func<IndicatorArguments, int> WarmUp { get; init; }

    public required IndicatorEvaluator Evaluate { get; init; }

    /// <summary>Creates the streaming form; null when the indicator has only a batch form.</summary>
    public Func<IndicatorArguments, IStreamingIndicator>? CreateStream { get; init; }

    /// <summary>Creates the streaming form of a two-series indicator (fed evaluated and market bars in pairs).</summary>
    public Func<IndicatorArguments, PairStreamingIndicator>? CreatePairStream { get; init; }

    /// <summary>True for indicators over two series (beta, correlation, price relative strength).</summary>
    public bool RequiresMarket { get; init; }

    /// <summary>True when the first value depends on the data (pivots, zigzag, renko).</summary>
    public bool DataDependentWarmUp { get; init; }

    /// <summary>The spec pattern, e.g. <c>macd_&lt;fast&gt;_&lt;slow&gt;_&lt;signal&gt;</c>.</summary>
    public string Pattern
    {
        get
        {
            var text = Name;
            foreach (var p in Parameters)
            {
                text += "_<" + p.Name + ">";
            }

            return RequiresMarket ? text + "[_compare_vs_<market>]" : text;
        }
    }
}
