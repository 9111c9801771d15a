namespace MarketIntel.Core.Storage;

/// <summary>A payload as a provider sent it.</summary>
/// <param name="Provider">Who sent it (<c>alpaca</c>, <c>coinbase</c>).</param>
/// <param name="Content">The bytes as received.</param>
/// <param name="ContentType">Their media type (<c>application/json</c>).</param>
/// <param name="Dataset">What was asked for (<c>bars-1m</c>, <c>quotes</c>).</param>
/// <param name="ReceivedAt">When it arrived; its UTC date is the archive partition.</param>
/// <param name="RequestKey">What was requested (URL, query, cursor) so that the payload can be fetched again.</param>
/// <param name="CodeVersion">The version of the code that fetched it.</param>
public sealed record RawPayload(
    string Provider,
    string Dataset,
    DateTimeOffset ReceivedAt,
    ReadOnlyMemory<byte> Content,
    string ContentType,
    string RequestKey,
    string CodeVersion);
