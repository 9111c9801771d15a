using System.Globalization;
using System.Text;
using System.Text.Json;
using BenchmarkDotNet.Attributes;
using MarketIntel.Core.Market;
using MarketIntel.Ingestion.Providers;
using MarketIntel.Ingestion.Providers.Binance;

namespace MarketIntel.Benchmarks.Ingestion;

/// <summary>
/// A full Binance page (1,000 klines, about 150 kB) through the strict parser and the page cleaner, against the
/// baseline of only parsing the same bytes into a <see cref="JsonDocument"/> (the floor any reader of the payload pays).
/// </summary>
[MemoryDiagnoser]
public class KlinesParsingBenchmarks
{
    private static readonly DateTime From = new(2024, 3, 4, 0, 0, 0, DateTimeKind.Utc);
    private readonly BinanceBarProvider _provider = new(new HttpClient());
    private byte[] _payload = [];
    private BarPageRequest _request = null!;

    [GlobalSetup]
    public void Setup()
    {
        var text = new StringBuilder("[");
        var random = new Random(3);
        var price = 62_000.0;
        for (var i = 0; i < 1000; i++)
        {
            var open = price;
            price *= 1 + ((random.NextDouble() - 0.5) * 0.002);
            var high = Math.Max(open, price) * 1.0005;
            var low = Math.Min(open, price) * 0.9995;
            var ms = 1_709_510_400_000L + (i * 60_000L);
            text.Append(i == 0 ? string.Empty : ",").Append(CultureInfo.InvariantCulture,
                $"[{ms},\"{open:F8}\",\"{high:F8}\",\"{low:F8}\",\"{price:F8}\",\"{random.NextDouble() * 20:F8}\",{ms + 59_999},\"1000000.00000000\",{random.Next(100, 3000)},\"5.00000000\",\"300000.00000000\",\"0\"]");
        }

        _payload = Encoding.UTF8.GetBytes(text.Append(']').ToString());
        _request = new BarPageRequest(_provider.Resolve("BTCUSDT"), Timeframe.OneMinute, From, From.AddDays(1));
    }

    [Benchmark(Baseline = true)]
    public int JsonDocumentOnly()
    {
        using var document = JsonDocument.Parse(_payload);
        return document.RootElement.GetArrayLength();
    }

    [Benchmark]
    public int StrictParseAndClean()
    {
        var page = _provider.Parse(_payload, _request);
        return BarSanitizer.Clean(page.Bars, _request.Timeframe, _request.FromUtc, _request.ToUtc).Bars.Count;
    }
}
