namespace MarketIntel.Api;

/// <summary>
/// The body of <c>PUT /api/brokers/{name}/credentials</c>, for the OpenAPI document: each venue takes its own fields
/// (<c>credentialFields</c> of <c>GET /api/brokers</c>), all strings; Alpaca's are <c>keyId</c> and <c>secretKey</c>. The
/// handler checks the body against the connection's venue, so a field of another venue is refused naming it.
/// </summary>
public sealed record BrokerCredentialsBody(string? KeyId = null, string? SecretKey = null);
