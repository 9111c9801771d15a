namespace MarketIntel.Pipeline.Brokerage;

/// <summary>
/// The end of a person's OAuth2 consent (<c>POST /api/brokers/{name}/authorize</c>): either the whole address the venue
/// redirected the browser to (<see cref="RedirectUrl"/>, from which <c>code</c> and <c>state</c> are read), or
/// <see cref="Code"/> and <see cref="State"/> themselves.
/// </summary>
public sealed record BrokerAuthorizationBody(string? RedirectUrl = null, string? Code = null, string? State = null);
