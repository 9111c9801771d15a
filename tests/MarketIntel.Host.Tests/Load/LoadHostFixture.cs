using System.Net;

namespace MarketIntel.Host.Tests.Load;

/// <summary>
/// The local host as a newcomer runs it (demo watchlist, start-up ingest, scan and risk report, schedules on), with a
/// 12-hour first ingest: enough for 500 one-minute bars of BTC-USD and their indicators' warm-up. Ready once the
/// start-up scan has completed, so every read route under load has data to serve.
/// </summary>
public sealed class LoadHostFixture : LocalHostFixture
{
    protected override string[] ExtraArgs => ["--Pipeline:InitialLookbackHours=12"];

    protected override async Task StartedAsync()
    {
        for (var i = 0; i < 1200; i++)
        {
            if ((await Client.GetAsync("/api/setups")).StatusCode == HttpStatusCode.OK)
            {
                return;
            }

            await Task.Delay(100);
        }

        throw new TimeoutException("the start-up scan did not complete within 120 s");
    }
}
