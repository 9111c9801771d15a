using System.Diagnostics;

namespace MarketIntel.Ingestion.Tests.Fakes;

/// <summary>Records when each request leaves the client (after the rate limiter), then forwards it.</summary>
public sealed class RecordingHandler(HttpMessageHandler inner) : DelegatingHandler(inner)
{
    private readonly Stopwatch _clock = Stopwatch.StartNew();

    public List<TimeSpan> Sent { get; } = [];

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        lock (Sent)
        {
            Sent.Add(_clock.Elapsed);
        }

        return base.SendAsync(request, cancellationToken);
    }
}
