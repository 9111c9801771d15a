using System.Net;

namespace MarketIntel.Host.Tests;

/// <summary>A host configured with a dashboard origin: cross-origin calls are allowed from that origin only.</summary>
public sealed class CorsTests(CorsTests.DashboardOriginFixture host) : IClassFixture<CorsTests.DashboardOriginFixture>
{
    public const string Dashboard = "https://dashboard.example.com";

    [Fact]
    public async Task APreflightFromTheDashboard_IsAllowed_WithTheKeyHeader()
    {
        var response = await host.Client.SendAsync(Preflight(Dashboard));
        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Equal(Dashboard, Single(response, "Access-Control-Allow-Origin"));
        Assert.Contains("PUT", Single(response, "Access-Control-Allow-Methods"), StringComparison.Ordinal);
        Assert.Contains("x-api-key", Single(response, "Access-Control-Allow-Headers"), StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData("https://evil.example.com")]
    [InlineData("http://dashboard.example.com")]
    [InlineData("https://dashboard.example.com.evil.example")]
    public async Task AnyOtherOrigin_GetsNoCorsHeaders(string origin)
    {
        var preflight = await host.Client.SendAsync(Preflight(origin));
        Assert.False(preflight.Headers.Contains("Access-Control-Allow-Origin"));

        using var get = new HttpRequestMessage(HttpMethod.Get, "/api/health");
        get.Headers.Add("Origin", origin);
        var response = await host.Client.SendAsync(get);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.False(response.Headers.Contains("Access-Control-Allow-Origin"));
    }

    [Fact]
    public async Task AReadFromTheDashboard_MayReadTheETag()
    {
        using var get = new HttpRequestMessage(HttpMethod.Get, "/api/health");
        get.Headers.Add("Origin", Dashboard);
        var response = await host.Client.SendAsync(get);
        Assert.Equal(Dashboard, Single(response, "Access-Control-Allow-Origin"));
        Assert.Contains("etag", Single(response, "Access-Control-Expose-Headers"), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void AnOriginWithAPath_StopsTheStart()
    {
        var error = Assert.Throws<InvalidOperationException>(() => MarketIntelHost.Build(["--urls", "http://127.0.0.1:0", "--Api:DashboardOrigin=https://dashboard.example.com/app"]));
        Assert.Contains("Api:DashboardOrigin", error.Message, StringComparison.Ordinal);
    }

    private static HttpRequestMessage Preflight(string origin)
    {
        var request = new HttpRequestMessage(HttpMethod.Options, "/api/watchlists/x");
        request.Headers.Add("Origin", origin);
        request.Headers.Add("Access-Control-Request-Method", "PUT");
        request.Headers.Add("Access-Control-Request-Headers", "content-type,x-api-key");
        return request;
    }

    private static string Single(HttpResponseMessage response, string header) =>
        response.Headers.TryGetValues(header, out var values) ? string.Join(",", values) : throw new Xunit.Sdk.XunitException($"no {header} header");

    public sealed class DashboardOriginFixture : LocalHostFixture
    {
        protected override string[] ExtraArgs => [$"--Api:DashboardOrigin={Dashboard}/", "--LocalHost:RunOnStart=false"];
    }
}
