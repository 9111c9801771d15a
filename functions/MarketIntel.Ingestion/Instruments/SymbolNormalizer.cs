using System.Diagnostics.CodeAnalysis;
using MarketIntel.Core.Market;

namespace MarketIntel.Ingestion.Instruments;

/// <summary>
/// Turns the spellings users and providers use (<c>BTC-USD</c>, <c>BTCUSDT</c>, <c>btc/usd</c>, <c>X:BTCUSD</c>,
/// <c>aapl</c>) into one canonical <see cref="Instrument"/>, and back into each provider's spelling.
/// </summary>
public static class SymbolNormalizer
{
    /// <summary>
    /// Quote assets recognised at the end of a concatenated pair (<c>BTCUSDT</c>), longest first so that
    /// <c>USDT</c> wins over <c>USD</c>. A pair with another quote asset must be written with a separator.
    /// </summary>
    public static IReadOnlyList<string> KnownQuoteAssets { get; } =
        ["FDUSD", "USDT", "USDC", "BUSD", "TUSD", "DAI", "USD", "EUR", "GBP", "JPY", "TRY", "BRL", "BTC", "ETH", "BNB"];

    /// <summary>Normalizes <paramref name="text"/>; <paramref name="assetClass"/> forces the class when the spelling is ambiguous.</summary>
    /// <exception cref="ArgumentException">The text is not a symbol; the message says why.</exception>
    public static Instrument Normalize(string text, string venue, AssetClass? assetClass = null) =>
        TryNormalize(text, venue, assetClass, out var instrument, out var error) ? instrument : throw new ArgumentException(error, nameof(text));

    public static bool TryNormalize(string? text, string venue, AssetClass? assetClass, [NotNullWhen(true)] out Instrument? instrument, out string error)
    {
        instrument = null;
        ArgumentException.ThrowIfNullOrWhiteSpace(venue);
        var s = (text ?? string.Empty).Trim().ToUpperInvariant();
        if (s.StartsWith("X:", StringComparison.Ordinal))
        {
            // Polygon's crypto tickers: X:BTCUSD.
            s = s[2..];
            assetClass ??= AssetClass.Crypto;
        }

        if (s.Length == 0)
        {
            error = "a symbol cannot be empty";
            return false;
        }

        var separator = s.IndexOfAny(['-', '/', '_']);
        if (separator > 0 && assetClass != AssetClass.Equity)
        {
            return Pair(s[..separator], s[(separator + 1)..], venue, text!, out instrument, out error);
        }

        if (assetClass != AssetClass.Equity && SplitConcatenated(s, assetClass == AssetClass.Crypto) is { } split)
        {
            return Pair(split.Base, split.Quote, venue, text!, out instrument, out error);
        }

        if (assetClass == AssetClass.Crypto)
        {
            error = $"'{text}' is not a crypto pair: write it as BASE-QUOTE (for example BTC-USD)";
            return false;
        }

        if (!IsTicker(s))
        {
            error = $"'{text}' is not an equity ticker (1-10 letters, digits or '.') nor a crypto pair (BASE-QUOTE)";
            return false;
        }

        instrument = new Instrument(new Symbol(s), AssetClass.Equity, venue);
        error = string.Empty;
        return true;
    }

    /// <summary>Binance's spelling: <c>BTCUSDT</c>.</summary>
    public static string ToBinance(Instrument instrument) => RequireCrypto(instrument, "Binance").Base + instrument.Quote;

    /// <summary>Coinbase's product id: <c>BTC-USD</c>.</summary>
    public static string ToCoinbase(Instrument instrument) => RequireCrypto(instrument, "Coinbase").Symbol.Value;

    /// <summary>Alpaca's spelling: <c>BTC/USD</c> for crypto, the ticker for equities.</summary>
    public static string ToAlpaca(Instrument instrument) =>
        instrument.AssetClass == AssetClass.Crypto ? instrument.Base + "/" + instrument.Quote : instrument.Symbol.Value;

    /// <summary>Polygon's ticker: <c>X:BTCUSD</c> for crypto, the ticker for equities.</summary>
    public static string ToPolygon(Instrument instrument) =>
        instrument.AssetClass == AssetClass.Crypto ? "X:" + instrument.Base + instrument.Quote : instrument.Symbol.Value;

    private static Instrument RequireCrypto(Instrument instrument, string provider) => instrument.AssetClass == AssetClass.Crypto
        ? instrument
        : throw new ArgumentException($"{provider} lists crypto pairs only; '{instrument.Symbol}' is an equity.", nameof(instrument));

    private static (string Base, string Quote)? SplitConcatenated(string s, bool forced)
    {
        foreach (var quote in KnownQuoteAssets)
        {
            // Equity tickers have at most 5 letters; a longer run ending in a quote asset is a pair (BTCUSD, ETHBTC).
            if (s.Length > quote.Length + 1 && s.EndsWith(quote, StringComparison.Ordinal) && (forced || s.Length > 5) && IsAsset(s[..^quote.Length]))
            {
                return (s[..^quote.Length], quote);
            }
        }

        return null;
    }

    private static bool Pair(string baseAsset, string quote, string venue, string text, [NotNullWhen(true)] out Instrument? instrument, out string error)
    {
        instrument = null;
        if (!IsAsset(baseAsset) || !IsAsset(quote))
        {
            error = $"'{text}' is not a crypto pair: base and quote are 2-10 letters or digits (BTC-USD)";
            return false;
        }

        instrument = new Instrument(new Symbol(baseAsset + "-" + quote), AssetClass.Crypto, venue);
        error = string.Empty;
        return true;
    }

    private static bool IsAsset(string s)
    {
        if (s.Length is < 2 or > 10)
        {
            return false;
        }

        foreach (var c in s)
        {
            if (!char.IsAsciiLetterUpper(c) && !char.IsAsciiDigit(c))
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsTicker(string s)
    {
        if (s.Length is < 1 or > 10 || !char.IsAsciiLetterUpper(s[0]))
        {
            return false;
        }

        foreach (var c in s)
        {
            if (!char.IsAsciiLetterUpper(c) && !char.IsAsciiDigit(c) && c != '.')
            {
                return false;
            }
        }

        return true;
    }
}
