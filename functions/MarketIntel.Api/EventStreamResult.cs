using System.Reflection;
using System.Text;
using System.Text.Json;
using MarketIntel.Core.Feeds;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace MarketIntel.Api;

/// <summary>
/// Writes <see cref="LiveEvents"/> as server-sent events (<c>text/event-stream</c>) until the client goes, the host
/// stops, the connection reaches <see cref="StreamOptions.MaxConnectionMinutes"/>, or the client falls so far behind
/// that the feed drops it. Each event: <c>id: &lt;tag&gt;-&lt;n&gt;</c>, <c>event: &lt;type&gt;</c>, <c>data: &lt;JSON&gt;</c>;
/// a <c>: heartbeat</c> comment after <see cref="StreamOptions.HeartbeatSeconds"/> of silence.
/// </summary>
/// <remarks>
/// Written by hand rather than with <c>TypedResults.ServerSentEvents</c>: heartbeats are comment lines, the id-only
/// message after the replay has no data, and the drop ends the stream; the SSE formatter has none of these.
/// </remarks>
public sealed class EventStreamResult : IResult, IEndpointMetadataProvider
{
    public const string ContentType = "text/event-stream";

    /// <summary>How long a browser waits before reconnecting (the SSE <c>retry</c> field).</summary>
    public const int RetryMilliseconds = 2000;

    private static readonly byte[] Heartbeat = ": heartbeat\n\n"u8.ToArray();
    private readonly LiveEvents _live;
    private readonly Func<StreamEvent, bool>? _filter;
    private readonly string? _resumeFrom;

    /// <param name="live">The feed.</param>
    /// <param name="filter">The events this client wants (all when null).</param>
    /// <param name="resumeFrom">The last event id the client saw (Last-Event-ID), or null for a fresh start.</param>
    public EventStreamResult(LiveEvents live, Func<StreamEvent, bool>? filter, string? resumeFrom)
    {
        _live = live ?? throw new ArgumentNullException(nameof(live));
        _filter = filter;
        _resumeFrom = resumeFrom;
    }

    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Metadata.Add(new ProducesResponseTypeMetadata(StatusCodes.Status200OK, typeof(StreamEvent), [ContentType]));
        builder.Metadata.Add(new ProducesResponseTypeMetadata(StatusCodes.Status400BadRequest, typeof(Microsoft.AspNetCore.Mvc.ProblemDetails), ["application/problem+json"]));
    }

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        var services = httpContext.RequestServices;
        var time = services.GetService<TimeProvider>() ?? TimeProvider.System;
        var json = services.GetService<IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions>>()?.Value.SerializerOptions ?? JsonSerializerOptions.Web;
        var options = _live.Options;
        var response = httpContext.Response;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = ContentType;
        response.Headers.CacheControl = "no-cache";
        response.Headers["X-Accel-Buffering"] = "no";
        httpContext.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();

        var resumeAfter = _live.ParseEventId(_resumeFrom);
        using var subscription = _live.Feed.Subscribe(_filter, resumeAfter);
        var reset = subscription.Reset || (_resumeFrom is not null && resumeAfter is null);

        using var limit = options.MaxConnectionMinutes > 0 ? new CancellationTokenSource(TimeSpan.FromMinutes(options.MaxConnectionMinutes), time) : new CancellationTokenSource();
        var stopping = services.GetService<IHostApplicationLifetime>()?.ApplicationStopping ?? CancellationToken.None;
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(httpContext.RequestAborted, stopping, limit.Token);
        var token = linked.Token;
        var body = response.Body;
        try
        {
            await body.WriteAsync(Encoding.UTF8.GetBytes($"retry: {RetryMilliseconds}\n\n"), token).ConfigureAwait(false);
            if (reset)
            {
                var why = _resumeFrom is not null && resumeAfter is null
                    ? $"event id '{_resumeFrom}' is not one of this feed's (the host restarted, or this is another instance): reload"
                    : $"event id '{_resumeFrom}' is older than the {options.ReplayEvents} events kept: reload";
                await WriteEventAsync(body, subscription.After, new ResetStreamEvent(why), json, token).ConfigureAwait(false);
            }
            else
            {
                foreach (var item in subscription.Replay)
                {
                    await WriteEventAsync(body, item.Id, item.Payload, json, token).ConfigureAwait(false);
                }

                // An id-only message (no event is dispatched): a reconnect resumes from here even if nothing was sent yet.
                await body.WriteAsync(Encoding.UTF8.GetBytes($"id: {_live.EventId(subscription.After)}\n\n"), token).ConfigureAwait(false);
            }

            await body.FlushAsync(token).ConfigureAwait(false);
            await PumpAsync(subscription, body, json, TimeSpan.FromSeconds(options.HeartbeatSeconds), time, token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (token.IsCancellationRequested)
        {
            // The client left, the host is stopping, or the connection reached its age: the client reconnects with its last id.
        }
        catch (IOException) when (httpContext.RequestAborted.IsCancellationRequested)
        {
        }
    }

    private async Task PumpAsync(LiveFeedSubscription<StreamEvent> subscription, Stream body, JsonSerializerOptions json, TimeSpan heartbeat, TimeProvider time, CancellationToken token)
    {
        var reader = subscription.Reader;
        var waiting = reader.WaitToReadAsync(token).AsTask();
        while (true)
        {
            bool more;
            try
            {
                more = await waiting.WaitAsync(heartbeat, time, token).ConfigureAwait(false);
            }
            catch (TimeoutException)
            {
                await body.WriteAsync(Heartbeat, token).ConfigureAwait(false);
                await body.FlushAsync(token).ConfigureAwait(false);
                continue;
            }

            if (!more)
            {
                // Dropped for falling behind (everything buffered before the drop has been sent): the stream ends here.
                return;
            }

            while (reader.TryRead(out var item))
            {
                await WriteEventAsync(body, item.Id, item.Payload, json, token).ConfigureAwait(false);
            }

            await body.FlushAsync(token).ConfigureAwait(false);
            waiting = reader.WaitToReadAsync(token).AsTask();
        }
    }

    private ValueTask WriteEventAsync(Stream body, long id, StreamEvent payload, JsonSerializerOptions json, CancellationToken token)
    {
        // Serialized as the base type, so the JSON carries its "type"; JSON text never contains a raw newline.
        var data = JsonSerializer.Serialize(payload, json.GetTypeInfo(typeof(StreamEvent)));
        return body.WriteAsync(Encoding.UTF8.GetBytes($"id: {_live.EventId(id)}\nevent: {payload.EventName()}\ndata: {data}\n\n"), token);
    }
}
