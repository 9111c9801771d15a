using System.Text;

namespace MarketIntel.Host.Tests;

/// <summary>
/// Reads a <c>text/event-stream</c> response message by message, following the WHATWG parsing rules the tests rely on
/// (fields split at the first colon, one optional space after it, a blank line ends a message, a colon first is a comment).
/// </summary>
public sealed class SseClient : IAsyncDisposable
{
    private readonly HttpResponseMessage _response;
    private readonly StreamReader _reader;
    private readonly CancellationTokenSource _guard;

    private SseClient(HttpResponseMessage response, Stream body, CancellationTokenSource guard)
    {
        _response = response;
        _reader = new StreamReader(body, Encoding.UTF8);
        _guard = guard;
    }

    public HttpResponseMessage Response => _response;

    /// <summary>Opens the stream; the guard only stops a broken test from hanging, it asserts nothing about time.</summary>
    public static async Task<SseClient> OpenAsync(HttpClient client, string url, string? lastEventId = null)
    {
        var guard = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        if (lastEventId is not null)
        {
            request.Headers.Add("Last-Event-ID", lastEventId);
        }

        var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, guard.Token);
        return new SseClient(response, await response.Content.ReadAsStreamAsync(guard.Token), guard);
    }

    /// <summary>The next message (comments included), or null at the end of the stream.</summary>
    public async Task<SseMessage?> NextAsync()
    {
        string? id = null, name = null, comment = null;
        StringBuilder? data = null;
        var any = false;
        while (await _reader.ReadLineAsync(_guard.Token) is { } line)
        {
            if (line.Length == 0)
            {
                if (any)
                {
                    return new SseMessage(id, name, data?.ToString(), comment);
                }

                continue;
            }

            any = true;
            if (line[0] == ':')
            {
                comment = line[1..].TrimStart();
                continue;
            }

            var colon = line.IndexOf(':', StringComparison.Ordinal);
            var field = colon < 0 ? line : line[..colon];
            var value = colon < 0 ? string.Empty : line[(colon + 1)..];
            if (value.StartsWith(' '))
            {
                value = value[1..];
            }

            switch (field)
            {
                case "id": id = value; break;
                case "event": name = value; break;
                case "data": data = data is null ? new StringBuilder(value) : data.Append('\n').Append(value); break;
            }
        }

        return null;
    }

    /// <summary>The next message that is an event (has data), skipping comments and id-only messages.</summary>
    public async Task<SseMessage?> NextEventAsync()
    {
        while (await NextAsync() is { } message)
        {
            if (message.Data is not null)
            {
                return message;
            }
        }

        return null;
    }

    /// <summary>The next event of the given type, skipping events of other types (the host's run events come at any moment).</summary>
    public async Task<SseMessage?> NextEventAsync(string eventType)
    {
        while (await NextEventAsync() is { } message)
        {
            if (message.Event == eventType)
            {
                return message;
            }
        }

        return null;
    }

    /// <summary>Reads up to the id-only message that follows the replay: from then on, the subscription is live.</summary>
    public async Task<(string Id, List<SseMessage> Replayed)> ReadToLiveAsync()
    {
        var replayed = new List<SseMessage>();
        while (await NextAsync() is { } message)
        {
            if (message.Data is not null)
            {
                replayed.Add(message);
            }
            else if (message.Id is not null)
            {
                return (message.Id, replayed);
            }
        }

        throw new InvalidOperationException("the stream ended before it was live");
    }

    public async ValueTask DisposeAsync()
    {
        _reader.Dispose();
        _response.Dispose();
        await Task.CompletedTask;
        _guard.Dispose();
    }
}
