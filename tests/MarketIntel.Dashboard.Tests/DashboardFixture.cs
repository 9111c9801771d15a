using System.Diagnostics;
using System.Net.Http.Json;
using MarketIntel.Core.Market;
using MarketIntel.Core.Storage;
using MarketIntel.Host;
using MarketIntel.Ingestion.Simulation;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace MarketIntel.Dashboard.Tests;

/// <summary>
/// The real local host (in process, embedded storage in a temporary folder, a free loopback port) serving the built
/// dashboard, a watchlist of simulator symbols with bars on every dashboard timeframe, and one headless Debian chromium.
/// </summary>
public sealed class DashboardFixture : IAsyncLifetime
{
    public const string ApiKey = "dashboard-test-key-0123";
    public const string Watchlist = "default";
    public static readonly string[] Symbols = ["BTC-USD", "ETH-USD", "SOL-USD"];

    /// <summary>How much history each timeframe gets: enough bars to fill the chart and warm up the indicators.</summary>
    private static readonly (string Timeframe, TimeSpan History)[] History =
    [
        ("1m", TimeSpan.FromHours(10)), ("5m", TimeSpan.FromDays(2)), ("15m", TimeSpan.FromDays(5)),
        ("1h", TimeSpan.FromDays(20)), ("4h", TimeSpan.FromDays(60)), ("1d", TimeSpan.FromDays(80)),
    ];

    private WebApplication? _app;
    private IPlaywright? _playwright;

    public string RepositoryRoot { get; } = FindRepositoryRoot();

    public string DataPath { get; } = Directory.CreateTempSubdirectory("marketintel-dashboard-").FullName;

    public Uri BaseAddress { get; private set; } = null!;

    public HttpClient Client { get; private set; } = null!;

    public IBrowser Browser { get; private set; } = null!;

    public string ScreenshotDirectory => Path.Combine(RepositoryRoot, "artifacts", "screenshots");

    /// <summary>When the seeded bars end: the minute the fixture started.</summary>
    public DateTime SeededUntil { get; private set; }

    public async Task InitializeAsync()
    {
        // Both are idempotent and quick when done; eng/test.sh has already run them, a bare `dotnet test` may not have.
        await RunScriptAsync("eng/dashboard.sh");
        if (!File.Exists("/usr/bin/chromium"))
        {
            await RunScriptAsync("eng/chromium.sh");
        }

        _app = MarketIntelHost.Build(["--urls", "http://127.0.0.1:0", "--data", DataPath, $"--Api:Key={ApiKey}", "--Logging:LogLevel:Default=Warning"]);
        await _app.StartAsync();
        var address = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        BaseAddress = new Uri(address);
        Client = new HttpClient { BaseAddress = BaseAddress };
        await SeedAsync();

        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = "/usr/bin/chromium",
            Args = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"],
        });
        Directory.CreateDirectory(ScreenshotDirectory);
    }

    /// <summary>A watchlist through the API (as a user would add symbols), and the simulator's bars written to the host's bar store.</summary>
    private async Task SeedAsync()
    {
        using var put = new HttpRequestMessage(HttpMethod.Put, $"/api/watchlists/{Watchlist}") { Content = JsonContent.Create(new { symbols = Symbols }) };
        put.Headers.Add("x-api-key", ApiKey);
        (await Client.SendAsync(put)).EnsureSuccessStatusCode();

        var now = DateTime.UtcNow;
        SeededUntil = new DateTime(now.Year, now.Month, now.Day, now.Hour, now.Minute, 0, DateTimeKind.Utc);
        var simulator = new MarketSimulator(new MarketSimulatorOptions { Origin = DateOnly.FromDateTime(now).AddDays(-100) });
        var store = _app!.Services.GetRequiredService<IBarStore>();
        var provenance = new BarProvenance(MarketSimulator.Venue, "dashboard-tests");
        foreach (var symbol in Symbols)
        {
            var instrument = MarketSimulator.Resolve(symbol);
            foreach (var (tf, history) in History)
            {
                var timeframe = Timeframe.Parse(tf);
                var bars = simulator.Bars(instrument, timeframe, SeededUntil - history, SeededUntil);
                await store.UpsertAsync(new Symbol(symbol), timeframe, bars, provenance);
            }
        }
    }

    public async Task<IPage> NewPageAsync(bool withKey = false, string theme = "light")
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1440, Height = 900 }, BaseURL = BaseAddress.ToString() });
        var script = $"localStorage.setItem('marketintel.theme', '{theme}');" + (withKey ? $"localStorage.setItem('marketintel.apiKey', '{ApiKey}');" : string.Empty);
        await context.AddInitScriptAsync(script);
        context.SetDefaultTimeout(30_000);
        return await context.NewPageAsync();
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.CloseAsync();
        }

        _playwright?.Dispose();
        Client?.Dispose();
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }

        Directory.Delete(DataPath, recursive: true);
    }

    private async Task RunScriptAsync(string script)
    {
        var start = new ProcessStartInfo("bash", [script]) { WorkingDirectory = RepositoryRoot, RedirectStandardOutput = true, RedirectStandardError = true };
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"bash {script} could not be started");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(10));
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"bash {script} failed ({process.ExitCode}):\n{await stdout}\n{await stderr}");
        }
    }

    private static string FindRepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "MarketIntel.Local.slnf")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("the repository root (MarketIntel.Local.slnf) is not above " + AppContext.BaseDirectory);
    }
}

[CollectionDefinition(Name)]
public sealed class DashboardCollection : ICollectionFixture<DashboardFixture>
{
    public const string Name = "dashboard";
}
