using System.Text;
using MarketIntel.Api;
using MarketIntel.Core.Tests.Fuzzing;
using MarketIntel.Pipeline.Backtesting;
using MarketIntel.Pipeline.Trading;
using Microsoft.AspNetCore.Http;

namespace MarketIntel.Functions.Tests.Fuzzing;

/// <summary>
/// The strict JSON body reader behind the backtest and paper-trading routes, on arbitrary and mutated bodies (unknown
/// and duplicate fields, wrong types, huge numbers, deep nesting, truncation): it returns the body or throws the route's
/// 400 error naming a field and saying what was wrong; never another exception, which the routes would turn into a 500.
/// </summary>
public sealed class StrictJsonBodyFuzzTests
{
    private static readonly string[] Tokens = ["{", "}", "[", "]", ",", ":", "\"symbols\":", "\"strategy\":", "\"bars\":", "\"parameters\":", "\"quantity\":", "\"settings\":", "\"startingCash\":", "\"level\":", "null", "true", "1", "-1", "1e999", "\"x\""];

    [Fact]
    public void BacktestBody() => Run<BacktestRequest>(
        """{"strategy":"ema-cross","symbols":["BTC-USD","ETH-USD"],"timeframe":"1h","bars":500,"parameters":{"fast":12,"slow":26},"fill":"next_open","commission":1,"slippage":0.0005,"quantity":1,"capital":100000}""");

    [Fact]
    public void PaperOrderBody() => Run<PaperOrderBody>(
        """{"clientOrderId":"o-1","symbol":"SPY","side":"buy","type":"stop_limit","quantity":10,"limitPrice":500,"stopPrice":499.5,"timeInForce":"day"}""");

    [Fact]
    public void PaperAccountBody() => Run<PaperAccountRequest>("""{"id":"demo","settings":{"name":"Demo","startingCash":100000}}""");

    [Fact]
    public void PaperKillAndSetupBodies()
    {
        Run<PaperKillRequest>("""{"level":"flatten_all"}""");
        Run<PaperTradeSetupRequest>("""{"symbol":"SPY","scan":"close > sma(20)","clientOrderId":"s-1"}""");
    }

    [Theory]
    [InlineData("")]
    [InlineData("null")]
    [InlineData("{\"strategy\":\"a\",\"strategy\":\"b\"}")]
    [InlineData("{\"bars\":1e999}")]
    public void Regressions(string body) => Assert.True(Fuzz.Survives(body, Read<BacktestRequest>, NamesAField));

    private static void Run<T>(string sample)
        where T : class =>
        Fuzz.NeverCrashes(Fuzz.Text([sample], Tokens), Read<T>, NamesAField);

    private static void Read<T>(string body)
        where T : class
    {
        var context = new DefaultHttpContext();
        context.Request.Body = new MemoryStream(Encoding.UTF8.GetBytes(body));
        StrictJsonBody.ReadAsync<T>(context.Request, "{}", (field, message) => new BadBodyException(field, message), CancellationToken.None).GetAwaiter().GetResult();
    }

    private static bool NamesAField(Exception ex) => ex is BadBodyException { Field.Length: > 0, Problem.Length: > 0 };

    private sealed class BadBodyException(string field, string problem) : Exception($"{field}: {problem}")
    {
        public string Field { get; } = field;

        public string Problem { get; } = problem;
    }
}
