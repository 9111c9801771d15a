using System.Net;
using MarketIntel.Host;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace MarketIntel.Dashboard.Tests;

/// <summary>How the local host serves the dashboard: files, SPA fallback, /api kept apart, and the page when it is not built.</summary>
[Collection(DashboardCollection.Name)]
public sealed class HostingTests(DashboardFixture fixture)
{
    [Theory]
    [InlineData("/")]
    [InlineData("/index.html")]
    [InlineData("/chart/BTC-USD")]
    public async Task AppPaths_ServeTheBuiltIndex(string path)
    {
        using var response = await fixture.Client.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("<title>MarketIntel</title>", html, StringComparison.Ordinal);
        Assert.Contains("./assets/", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Assets_AreServedWithTheirTypeAndLongCaching()
    {
        var html = await fixture.Client.GetStringAsync("/");
        var script = System.Text.RegularExpressions.Regex.Match(html, "src=\"\\./(assets/[^\"]+\\.js)\"").Groups[1].Value;
        using var response = await fixture.Client.GetAsync("/" + script);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/javascript", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("immutable", response.Headers.CacheControl?.ToString() ?? string.Empty, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnknownApiPaths_Stay404ProblemDetails_NotTheApp()
    {
        using var response = await fixture.Client.GetAsync("/api/no-such-route");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("there is no API route /api/no-such-route", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task MissingAsset_Is404_NotTheApp()
    {
        using var response = await fixture.Client.GetAsync("/assets/missing.js");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task WithoutABuild_TheRootSaysHowToBuildIt()
    {
        var empty = Directory.CreateTempSubdirectory("marketintel-nodist-").FullName;
        var data = Directory.CreateTempSubdirectory("marketintel-nodist-data-").FullName;
        try
        {
            await using var app = MarketIntelHost.Build(["--urls", "http://127.0.0.1:0", "--data", data, "--Api:Key=k", $"--{DashboardHosting.PathSetting}={empty}", "--Logging:LogLevel:Default=Error"]);
            await app.StartAsync();
            var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
            using var client = new HttpClient { BaseAddress = new Uri(address) };
            using var response = await client.GetAsync("/");
            Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
            Assert.Contains("bash eng/dashboard.sh", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/health")).StatusCode);
            await app.StopAsync();
        }
        finally
        {
            Directory.Delete(empty, recursive: true);
            Directory.Delete(data, recursive: true);
        }
    }
}
