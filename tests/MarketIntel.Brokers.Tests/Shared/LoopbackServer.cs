using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace MarketIntel.Brokers.Tests.Shared;

/// <summary>What every fake venue needs: a quiet Kestrel app on 127.0.0.1 at a free port, its address once started, and a thread-safe countdown of scripted faults.</summary>
public static class LoopbackServer
{
    public static WebApplication Create()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        return builder.Build();
    }

    /// <summary>Starts the app and returns the address it listens on.</summary>
    public static async Task<Uri> StartAsync(WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        await app.StartAsync();
        return new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single());
    }

    /// <summary>Takes one from <paramref name="counter"/> if it is positive (the next scripted fault), atomically.</summary>
    public static bool TakeOne(ref int counter)
    {
        int value;
        do
        {
            value = Volatile.Read(ref counter);
            if (value <= 0)
            {
                return false;
            }
        }
        while (Interlocked.CompareExchange(ref counter, value - 1, value) != value);
        return true;
    }
}
