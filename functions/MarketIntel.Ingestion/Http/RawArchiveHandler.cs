using System.Text.RegularExpressions;
using MarketIntel.Core.Storage;

namespace MarketIntel.Ingestion.Http;

/// <summary>
/// Archives every response body of a tagged request (<see cref="ArchiveTag"/>) before anyone parses it, error bodies
/// included, and hands the body on buffered. It sits inside the resilience pipeline, so each attempt is archived and
/// a body that hangs or breaks off fails the attempt (timeout, <see cref="IOException"/>) and is retried.
/// </summary>
public sealed partial class RawArchiveHandler(IRawArchive archive, TimeProvider timeProvider, string codeVersion) : DelegatingHandler
{
    /// <summary>Request option: what to archive the response as.</summary>
    public static readonly HttpRequestOptionsKey<ArchiveTag> Tag = new("marketintel.archive-tag");

    /// <summary>Request option set by this handler: the archive key of the last response body.</summary>
    public static readonly HttpRequestOptionsKey<string> ArchivedKey = new("marketintel.archive-key");

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        if (!request.Options.TryGetValue(Tag, out var tag))
        {
            return response;
        }

        try
        {
            var body = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
            var contentType = response.Content.Headers.ContentType?.ToString() ?? "application/octet-stream";
            var entry = await archive.PutAsync(
                new RawPayload(tag.Provider, tag.Dataset, timeProvider.GetUtcNow(), body, contentType, RequestKey(request.RequestUri), codeVersion),
                cancellationToken).ConfigureAwait(false);
            var buffered = new ByteArrayContent(body);
            foreach (var header in response.Content.Headers)
            {
                buffered.Headers.TryAddWithoutValidation(header.Key, header.Value);
            }

            response.Content.Dispose();
            response.Content = buffered;
            request.Options.Set(ArchivedKey, entry.Key);
            return response;
        }
        catch
        {
            response.Dispose();
            throw;
        }
    }

    /// <summary>The request's path and query with credentials in the query (Polygon's <c>apiKey</c>) redacted.</summary>
    public static string RequestKey(Uri? uri) => uri is null ? string.Empty : SecretParameter().Replace(uri.PathAndQuery, "$1=REDACTED");

    [GeneratedRegex("((?:api[_-]?key|secret|signature)[^=&]*)=[^&]*", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex SecretParameter();
}
