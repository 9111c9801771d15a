using System.Globalization;
using System.Text;
using MarketIntel.Core.Market.Csv;

namespace MarketIntel.Core.Tests.Market;

/// <summary>
/// <see cref="MarketText.TryParseUtc(ReadOnlySpan{char}, out DateTime)"/> has a hand-written fast path for the exchanges' <c>…Z</c> form. The law: it
/// accepts exactly what the framework's exact-format parser accepts, with the same instant, on every input, as UTF-16 and as UTF-8.
/// </summary>
public sealed class MarketTextTests
{
    // The specification: the framework's exact-format parser over the documented formats, independent of the fast path.
    private static readonly string[] IsoFormats = [.. MarketText.IsoFormatList];

    private static bool Reference(string text, out DateTime utc)
    {
        if (DateTime.TryParseExact(text.Trim(), IsoFormats, CultureInfo.InvariantCulture,
                DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out utc))
        {
            utc = DateTime.SpecifyKind(utc, DateTimeKind.Utc);
            return true;
        }

        return false;
    }

    [Theory]
    [InlineData("2024-02-29T00:00:00Z")]
    [InlineData("2023-02-29T00:00:00Z")]
    [InlineData("2023-04-31T12:00:00Z")]
    [InlineData("0001-01-01T00:00:00Z")]
    [InlineData("0000-01-01T00:00:00Z")]
    [InlineData("9999-12-31T23:59:59.9999999Z")]
    [InlineData("2024-01-01T24:00:00Z")]
    [InlineData("2024-01-01T23:60:00Z")]
    [InlineData("2024-01-01T00:00:60Z")]
    [InlineData("2024-13-01T00:00:00Z")]
    [InlineData("2024-00-01T00:00:00Z")]
    [InlineData("2024-01-00T00:00:00Z")]
    [InlineData("2024-01-01T00:00:00.Z")]
    [InlineData("2024-01-01T00:00:00.1Z")]
    [InlineData("2024-01-01T00:00:00.123Z")]
    [InlineData("2024-01-01T00:00:00.1234567Z")]
    [InlineData("2024-01-01T00:00:00.12345678Z")]
    [InlineData("2024-01-01T00:00:00,123Z")]
    [InlineData("2024-01-01T00:00:00z")]
    [InlineData("2024-01-01T00:00:00+02:00")]
    [InlineData(" 2024-01-01T00:00:00.5Z ")]
    [InlineData("2024-1-01T00:00:00Z")]
    [InlineData("+024-01-01T00:00:00Z")]
    [InlineData("٢٠٢٤-01-01T00:00:00Z")]
    [InlineData("2024-01-01T00:00:00ZZ")]
    [InlineData("2024-01-01T00:00:00.5Z\u00a0")]
    [InlineData("2024-01-01T00:00:00\u0660Z")]
    public void EdgeCases_AgreeWithTheFrameworkParser(string text) => AssertAgrees(text);

    [Fact]
    public void RandomTimestampsAndTheirMutations_AgreeWithTheFrameworkParser()
    {
        var random = new Random(20261205);
        const string Alphabet = "0123456789-:T.Z +xz,";
        var builder = new StringBuilder();
        for (var i = 0; i < 100_000; i++)
        {
            var instant = new DateTime(1, 1, 1, 0, 0, 0, DateTimeKind.Utc)
                .AddTicks((long)(random.NextDouble() * DateTime.MaxValue.Ticks));
            var digits = random.Next(0, 8);
            builder.Clear().Append(instant.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture));
            if (digits > 0)
            {
                builder.Append('.').Append(instant.ToString(digits == 1 ? "%f" : new string('f', digits), CultureInfo.InvariantCulture));
            }

            builder.Append('Z');
            var valid = builder.ToString();
            Assert.True(MarketText.TryParseUtc(valid, out var parsed), valid);
            Assert.Equal(Truncate(instant, digits), parsed);
            Assert.Equal(DateTimeKind.Utc, parsed.Kind);
            Assert.True(MarketText.TryParseUtc(Encoding.UTF8.GetBytes(valid), out var parsedUtf8), valid);
            Assert.Equal(parsed, parsedUtf8);

            // One to three edits anywhere: replaced, inserted or removed characters.
            var edits = random.Next(1, 4);
            for (var e = 0; e < edits && builder.Length > 0; e++)
            {
                var at = random.Next(builder.Length);
                switch (random.Next(3))
                {
                    case 0: builder[at] = Alphabet[random.Next(Alphabet.Length)]; break;
                    case 1: builder.Insert(at, Alphabet[random.Next(Alphabet.Length)]); break;
                    default: builder.Remove(at, 1); break;
                }
            }

            AssertAgrees(builder.ToString());
        }
    }

    private static DateTime Truncate(DateTime instant, int fractionDigits)
    {
        var unit = (long)Math.Pow(10, 7 - fractionDigits);
        return new DateTime(instant.Ticks - (instant.Ticks % unit), DateTimeKind.Utc);
    }

    private static void AssertAgrees(string text)
    {
        var expectedOk = Reference(text, out var expected);
        var actualOk = MarketText.TryParseUtc(text, out var actual);
        Assert.True(expectedOk == actualOk, $"'{text}': framework {(expectedOk ? "accepts" : "rejects")}, TryParseUtc {(actualOk ? "accepts" : "rejects")}");
        var utf8Ok = MarketText.TryParseUtc(Encoding.UTF8.GetBytes(text), out var fromUtf8);
        Assert.True(expectedOk == utf8Ok, $"'{text}': framework {(expectedOk ? "accepts" : "rejects")}, TryParseUtc of UTF-8 {(utf8Ok ? "accepts" : "rejects")}");
        if (expectedOk)
        {
            Assert.Equal(expected, actual);
            Assert.Equal(DateTimeKind.Utc, actual.Kind);
            Assert.Equal(expected, fromUtf8);
            Assert.Equal(DateTimeKind.Utc, fromUtf8.Kind);
        }
    }
}
