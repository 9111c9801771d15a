namespace MarketIntel.Storage.Tests.Cosmos;

/// <summary>
/// Sits between the real Cosmos SDK and the emulator (<c>CosmosClientOptions.HttpClientFactory</c>) and makes the next
/// document writes fail the way a network does: refused before sending, or cut off after the service applied them.
/// </summary>
internal sealed class CosmosFaultInjectingHandler : DelegatingHandler
{
    private readonly Lock gate = new();
    private int remaining;
    private CosmosFault fault;
    private Func<Task>? beforeFailing;

    public CosmosFaultInjectingHandler(HttpMessageHandler inner)
        : base(inner)
    {
    }

    /// <summary>How many faults were injected so far.</summary>
    public int Injected { get; private set; }

    /// <summary>The next <paramref name="count"/> document writes fail with <paramref name="kind"/>; <paramref name="then"/> runs before each.</summary>
    public void FailNextWrites(int count, CosmosFault kind, Func<Task>? then = null)
    {
        lock (gate)
        {
            remaining = count;
            fault = kind;
            beforeFailing = then;
        }
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (!IsDocumentWrite(request) || !TryTakeFault(out var kind, out var hook))
        {
            return await base.SendAsync(request, cancellationToken);
        }

        if (hook is not null)
        {
            await hook();
        }

        switch (kind)
        {
            case CosmosFault.ConnectionRefused:
                throw new HttpRequestException(HttpRequestError.ConnectionError, "injected: connection refused (127.0.0.1)");
            case CosmosFault.ConnectionResetBeforeSending:
                throw new HttpRequestException(HttpRequestError.ResponseEnded, "injected: the connection was reset; the write did not reach the service");
            default:
                using (await base.SendAsync(request, cancellationToken))
                {
                    throw new HttpRequestException(HttpRequestError.ResponseEnded, "injected: the response was lost after the service applied the write");
                }
        }
    }

    private static bool IsDocumentWrite(HttpRequestMessage request) =>
        request.Method != HttpMethod.Get && request.RequestUri!.AbsolutePath.Contains("/docs", StringComparison.Ordinal);

    private bool TryTakeFault(out CosmosFault kind, out Func<Task>? hook)
    {
        lock (gate)
        {
            kind = fault;
            hook = beforeFailing;
            if (remaining <= 0)
            {
                return false;
            }

            remaining--;
            Injected++;
            return true;
        }
    }
}
