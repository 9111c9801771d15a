namespace MarketIntel.Core.Indicators.Common;

/// <summary>A single-series kernel writing into <paramref name="result"/> (which holds NaN where it writes nothing).</summary>
internal delegate void SpanKernel(ReadOnlySpan<double> source, int period, Span<double> result);
