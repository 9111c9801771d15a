using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
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
/// dashboard with its simulator-fed start-up run (demo watchlist, 1m bars, a scan, a risk report), and one headless Debian chromium.
/// Subclasses put the same host on other storage (<see cref="AzureDashboardFixture"/>).
/// </summary>
public class DashboardFixture : IAsyncLifetime
{
    public const string ApiKey = "dashboard-test-key-0123";
    public const string Watchlist = "default";
    public static readonly string[] Symbols = ["BTC-USD", "ETH-USD", "SOL-USD"];

    /// <summary>History of the coarser timeframes: enough bars to fill the chart and warm up the indicators.</summary>
    protected virtual IReadOnlyList<(string Timeframe, TimeSpan History)> History { get; } =
    [
        ("5m", TimeSpan.FromDays(2)), ("15m", TimeSpan.FromDays(5)),
        ("1h", TimeSpan.FromDays(20)), ("4h", TimeSpan.FromDays(60)), ("1d", TimeSpan.FromDays(80)),
    ];

    private WebApplication? _app;
    private IPlaywright? _playwright;
    private bool _disposed;

    public string RepositoryRoot { get; } = FindRepositoryRoot();

    public string DataPath { get; } = Directory.CreateTempSubdirectory("marketintel-dashboard-").FullName;

    /// <summary>The running host's services (its stores, for tests that set up a fault).</summary>
    public IServiceProvider Services => _app?.Services ?? throw new InvalidOperationException("the host has not started");

    public Uri BaseAddress { get; private set; } = null!;

    public HttpClient Client { get; private set; } = null!;

    public IBrowser Browser { get; private set; } = null!;

    /// <summary>The storage mode the host runs on, as <c>--store</c> names it.</summary>
    public virtual string StorageMode => "embedded";

    public string ScreenshotDirectory => Path.Combine(RepositoryRoot, "artifacts", "screenshots", StorageMode);

    /// <summary>When the seeded bars end: the minute the fixture started.</summary>
    public DateTime SeededUntil { get; private set; }

    public async Task InitializeAsync()
    {
        try
        {
            await StartAsync();
        }
        catch
        {
            // A fixture that fails to start is not disposed by every runner: stop the host and emulators started here.
            await DisposeAsync();
            throw;
        }
    }

    private async Task StartAsync()
    {
        // Both are idempotent and quick when done; eng/test.sh has already run them, a bare `dotnet test` may not have.
        await RunScriptAsync("eng/dashboard.sh");
        if (!File.Exists("/usr/bin/chromium"))
        {
            await RunScriptAsync("eng/chromium.sh");
        }

        // The tick bridge is off: its forming 1m bar changes every quarter second, so a price the page shows could not be
        // compared with the stored bars read a moment later. The views' live updates are tested with bars written to the
        // store (LiveStreamViewTests), the bridge itself in the ingestion tests.
        // Two broker connections that reach nothing (a closed loopback port), for the Trading view's connections section.
        string[] arguments = ["--urls", "http://127.0.0.1:0", "--data", DataPath, $"--Api:Key={ApiKey}", "--Logging:LogLevel:Default=Warning", "--Ticks:Bridge:Enabled=false",
            "--Brokers:Connections:schwab-main:Venue=schwab", "--Brokers:Connections:schwab-main:Environment=live", "--Brokers:Connections:schwab-main:AccountNumber=12345678",
            "--Brokers:Connections:schwab-main:RedirectUri=https://127.0.0.1:8182/callback", "--Brokers:Connections:schwab-main:BaseUrl=http://127.0.0.1:9",
            "--Brokers:Connections:tasty:Venue=tastytrade", "--Brokers:Connections:tasty:AccountNumber=5WT00001", "--Brokers:Connections:tasty:BaseUrl=http://127.0.0.1:9"];
        _app = MarketIntelHost.Build([.. arguments, .. await ModeArgumentsAsync()]);
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

    /// <summary>
    /// The host seeds its demo watchlist and ingests 1m bars from the simulator at start, then scans: wait for that. The
    /// pipeline ingests one timeframe, so the coarser ones the chart offers are written from the same simulator (same
    /// default seed and origin as the host's, so they agree with its 1m bars).
    /// </summary>
    private async Task SeedAsync()
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(3);
        while (true)
        {
            if (await ReadyAsync())
            {
                break;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException("the local host did not ingest bars and complete a scan within 3 minutes");
            }

            await Task.Delay(500);
        }

        var now = DateTime.UtcNow;
        SeededUntil = new DateTime(now.Year, now.Month, now.Day, now.Hour, now.Minute, 0, DateTimeKind.Utc);
        var simulator = new MarketSimulator();
        var store = _app!.Services.GetRequiredService<IBarStore>();
        var provenance = new BarProvenance(MarketSimulator.Venue, "dashboard-tests");
        var watchlist = await Client.GetFromJsonAsync<JsonElement>($"/api/watchlists/{Watchlist}");
        foreach (var symbol in watchlist.GetProperty("symbols").EnumerateArray().Select(s => s.GetString()!))
        {
            var instrument = MarketSimulator.Resolve(symbol);
            foreach (var (tf, history) in History)
            {
                var timeframe = Timeframe.Parse(tf);
                var bars = simulator.Bars(instrument, timeframe, SeededUntil - history, SeededUntil);
                if (bars.Count > 0)
                {
                    await store.UpsertAsync(new Symbol(symbol), timeframe, bars, provenance);
                }
            }
        }
    }

    private async Task<bool> ReadyAsync()
    {
        var symbols = await Client.GetFromJsonAsync<string[]>("/api/symbols") ?? [];
        if (!Symbols.All(symbols.Contains))
        {
            return false;
        }

        using var bars = await Client.GetAsync($"/api/bars/{Symbols[0]}?timeframe=1m&limit=10");
        if (!bars.IsSuccessStatusCode || (await bars.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("bars").GetArrayLength() == 0)
        {
            return false;
        }

        var scans = await Client.GetFromJsonAsync<JsonElement>("/api/scans?limit=5");
        return scans.EnumerateArray().Any(s => s.GetProperty("status").GetString() == "completed");
    }

    /// <summary>Host arguments that choose and configure the storage; embedded storage needs none beyond <c>--data</c>.</summary>
    protected virtual Task<string[]> ModeArgumentsAsync() => Task.FromResult<string[]>([]);

    /// <summary>Stops whatever <see cref="ModeArgumentsAsync"/> started, after the host has stopped.</summary>
    protected virtual Task StopStorageAsync() => Task.CompletedTask;

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
        if (_disposed)
        {
            return;
        }

        _disposed = true;
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

        await StopStorageAsync();
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
