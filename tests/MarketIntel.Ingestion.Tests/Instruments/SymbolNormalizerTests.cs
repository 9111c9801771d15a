using MarketIntel.Ingestion.Instruments;

namespace MarketIntel.Ingestion.Tests.Instruments;

public sealed class SymbolNormalizerTests
{
    [Theory]
    [InlineData("BTC-USD", "BTC-USD", AssetClass.Crypto)]
    [InlineData("btc-usd", "BTC-USD", AssetClass.Crypto)]
    [InlineData("BTCUSDT", "BTC-USDT", AssetClass.Crypto)]
    [InlineData("ethbtc", "ETH-BTC", AssetClass.Crypto)]
    [InlineData("BTC/USD", "BTC-USD", AssetClass.Crypto)]
    [InlineData("X:BTCUSD", "BTC-USD", AssetClass.Crypto)]
    [InlineData("SOL_USDC", "SOL-USDC", AssetClass.Crypto)]
    [InlineData("AAPL", "AAPL", AssetClass.Equity)]
    [InlineData(" msft ", "MSFT", AssetClass.Equity)]
    [InlineData("BRK.B", "BRK.B", AssetClass.Equity)]
    public void Spellings_NormalizeToOneCanonicalForm(string text, string canonical, AssetClass assetClass)
    {
        var instrument = SymbolNormalizer.Normalize(text, "test");

        Assert.Equal(canonical, instrument.Symbol.Value);
        Assert.Equal(assetClass, instrument.AssetClass);
        Assert.Equal("test", instrument.Venue);
    }

    [Fact]
    public void ShortTickerEndingInAQuoteAsset_StaysAnEquityUnlessCryptoIsForced()
    {
        // "ABUSD" is five letters: a plausible ticker. Binance forces crypto and gets the pair.
        Assert.Equal(AssetClass.Equity, SymbolNormalizer.Normalize("ABUSD", "alpaca").AssetClass);
        Assert.Equal("AB-USD", SymbolNormalizer.Normalize("ABUSD", "binance", AssetClass.Crypto).Symbol.Value);
    }

    [Fact]
    public void UsdtWinsOverUsdWhenSplittingAConcatenatedPair()
    {
        Assert.Equal("ETH-USDT", SymbolNormalizer.Normalize("ETHUSDT", "binance", AssetClass.Crypto).Symbol.Value);
    }

    [Theory]
    [InlineData("")]
    [InlineData("B!TC")]
    [InlineData("X-")]
    [InlineData("1ABC")]
    public void Nonsense_IsRejectedWithAReason(string text)
    {
        Assert.False(SymbolNormalizer.TryNormalize(text, "test", null, out _, out var error));
        Assert.NotEmpty(error);
    }

    [Fact]
    public void ProviderSpellings_RoundTripThroughTheCanonicalForm()
    {
        var btc = SymbolNormalizer.Normalize("BTC-USDT", "binance");
        Assert.Equal("BTCUSDT", SymbolNormalizer.ToBinance(btc));
        Assert.Equal("BTC/USDT", SymbolNormalizer.ToAlpaca(btc));
        Assert.Equal("X:BTCUSDT", SymbolNormalizer.ToPolygon(btc));
        Assert.Equal("BTC-USDT", SymbolNormalizer.ToCoinbase(btc));
        foreach (var spelling in new[] { SymbolNormalizer.ToBinance(btc), SymbolNormalizer.ToAlpaca(btc), SymbolNormalizer.ToPolygon(btc) })
        {
            Assert.Equal(btc.Symbol, SymbolNormalizer.Normalize(spelling, "binance", AssetClass.Crypto).Symbol);
        }

        var aapl = SymbolNormalizer.Normalize("aapl", "alpaca");
        Assert.Equal("AAPL", SymbolNormalizer.ToAlpaca(aapl));
        Assert.Equal("AAPL", SymbolNormalizer.ToPolygon(aapl));
        Assert.Throws<ArgumentException>(() => SymbolNormalizer.ToBinance(aapl));
    }
}
