using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace MarketIntel.Host.Tests;

/// <summary>The real local host on a free loopback port, embedded storage in a temporary folder; stopped and removed afterwards.</summary>
public class LocalHostFixture : IAsyncLifetime
{
    public const string ApiKey = "test-key-0123456789";

    private WebApplication? _app;

    public string DataPath { get; } = Directory.CreateTempSubdirectory("marketintel-host-").FullName;

    public Uri BaseAddress { get; private set; } = null!;

    public HttpClient Client { get; private set; } = null!;

    public IServiceProvider Services => _app!.Services;

    /// <summary>The tick bridge is off unless a fixture wants its tick-built bars (it would write bars the API tests do not expect).</summary>
    protected virtual string[] BridgeArgs => ["--Ticks:Bridge:Enabled=false"];

    /// <summary>Settings a derived fixture adds (schedules, start-up runs).</summary>
    protected virtual string[] ExtraArgs => [];

    public async Task InitializeAsync()
    {
        _app = MarketIntelHost.Build(["--urls", "http://127.0.0.1:0", "--data", DataPath, $"--Api:Key={ApiKey}", "--Logging:LogLevel:Default=Warning", .. BridgeArgs, .. ExtraArgs], Configure);
        await _app.StartAsync();
        var address = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        BaseAddress = new Uri(address);
        Client = new HttpClient { BaseAddress = BaseAddress };
        await StartedAsync();
    }

    /// <summary>Services or logging a derived fixture adds before the host is built.</summary>
    protected virtual void Configure(WebApplicationBuilder builder)
    {
    }

    /// <summary>What a derived fixture waits for once the host listens (start-up runs to complete).</summary>
    protected virtual Task StartedAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        Client.Dispose();
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }

        Directory.Delete(DataPath, recursive: true);
    }
}
