using MarketIntel.Core.Market;
using MarketIntel.Core.Market.Csv;

using MarketIntel.Core.Tests.Indicators;

namespace MarketIntel.Core.Tests.Market;

public sealed class QuoteCsvReaderTests
{
    private static QuoteFile Read(string text) => QuoteCsvReader.Read(new StringReader(text), "q.csv");

    [Fact]
    public void ReadsDateHeaderAndDateOnlyValuesAsMidnightUtc()
    {
        var q = Read("\uFEFFdate,open,high,low,close,volume\n2017-01-03,212.61,213.35,211.52,212.8,96708880\n");
        Assert.Equal(new Bar(new DateTime(2017, 1, 3, 0, 0, 0, DateTimeKind.Utc), 212.61, 213.35, 211.52, 212.8, 96708880m), Assert.Single(q.Bars));
        Assert.Equal("2017-01-03", q.TimestampTexts[0]);
        Assert.Equal(DateTimeKind.Utc, q.Bars[0].OpenTime.Kind);
    }

    [Fact]
    public void ReadsIsoTimesWithAndWithoutOffsets()
    {
        var q = Read("timestamp,open,high,low,close,volume\n2020-12-15 09:30,1,2,0.5,1.5,10\n2024-03-09T23:50:01.250Z,1,1,1,1,0\n2024-03-10T02:00:00+02:00,1,1,1,1,0\n");
        Assert.Equal(new DateTime(2020, 12, 15, 9, 30, 0, DateTimeKind.Utc), q.Bars[0].OpenTime);
        Assert.Equal(new DateTime(2024, 3, 9, 23, 50, 1, 250, DateTimeKind.Utc), q.Bars[1].OpenTime);
        Assert.Equal(new DateTime(2024, 3, 10, 0, 0, 0, DateTimeKind.Utc), q.Bars[2].OpenTime);
    }

    [Fact]
    public void ReferenceQuotes_ReadCompletely()
    {
        var q = QuoteCsvReader.ReadFile(ReferenceData.QuotePath("default.csv"));
        Assert.Equal(502, q.Bars.Count);
        Assert.Equal(new DateTime(2018, 12, 31, 0, 0, 0, DateTimeKind.Utc), q.Bars[^1].OpenTime);
        var intraday = QuoteCsvReader.ReadFile(ReferenceData.QuotePath("intraday.csv"));
        Assert.Equal(1564, intraday.Bars.Count);
    }

    [Theory]
    [InlineData("", 1, null, "empty")]
    [InlineData("date,open,high,low,close\n", 1, "volume", "lacks column 'volume'")]
    [InlineData("date,open,high,low,close,volume\n2017-01-03,1,2,0.5,1.5\n", 2, null, "expected 6 fields, found 5")]
    [InlineData("date,open,high,low,close,volume\n2017-01-03,1,2,,1.5,10\n", 2, "low", "is not a finite number")]
    [InlineData("date,open,high,low,close,volume\n2017-01-03,1,2,0.5,abc,10\n", 2, "close", "'abc'")]
    [InlineData("date,open,high,low,close,volume\n2017-13-03,1,2,0.5,1,10\n", 2, "timestamp", "not an ISO 8601")]
    [InlineData("date,open,high,low,close,volume\n2017-01-03,1,2,0.5,1,-10\n", 2, "volume", ">= 0")]
    [InlineData("date,open,high,low,close,volume\n2017-01-04,1,2,0.5,1,10\n2017-01-03,1,2,0.5,1,10\n", 3, "timestamp", "strictly increasing")]
    public void MalformedInput_NamesFileLineAndField(string text, int line, string? field, string problem)
    {
        var ex = Assert.Throws<CsvFormatException>(() => Read(text));
        Assert.Equal(("q.csv", line, field), (ex.File, ex.Line, ex.Field));
        Assert.Contains(problem, ex.Message, StringComparison.Ordinal);
        Assert.StartsWith($"q.csv:{line}:", ex.Message, StringComparison.Ordinal);
    }
}
