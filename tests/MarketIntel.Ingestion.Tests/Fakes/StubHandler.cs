using System.Net;
using System.Net.Http.Headers;

namespace MarketIntel.Ingestion.Tests.Fakes;

/// <summary>A network handler that answers from a script (status, body, headers) and records every request URL.</summary>
public sealed class StubHandler : HttpMessageHandler
{
    private readonly Queue<Func<HttpRequestMessage, HttpResponseMessage>> _script = new();

    public List<Uri> Requests { get; } = [];

    public List<HttpRequestMessage> Messages { get; } = [];

    public Func<HttpRequestMessage, HttpResponseMessage>? Fallback { get; set; }

    public StubHandler Respond(HttpStatusCode status, byte[] body, string contentType = "application/json", Action<HttpResponseMessage>? configure = null)
    {
        _script.Enqueue(_ =>
        {
            var response = new HttpResponseMessage(status) { Content = new ByteArrayContent(body) };
            response.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
            configure?.Invoke(response);
            return response;
        });
        return this;
    }

    public StubHandler Respond(HttpStatusCode status, string fixture, string contentType = "application/json", Action<HttpResponseMessage>? configure = null) =>
        Respond(status, Fixture.Bytes(fixture), contentType, configure);

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        lock (Requests)
        {
            Requests.Add(request.RequestUri!);
            Messages.Add(request);
        }

        var next = _script.Count > 0 ? _script.Dequeue() : Fallback ?? throw new InvalidOperationException("The stub has no more responses.");
        return Task.FromResult(next(request));
    }
}
