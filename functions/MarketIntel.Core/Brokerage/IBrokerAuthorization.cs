namespace MarketIntel.Core.Brokerage;

/// <summary>
/// What a venue whose tokens come from a person's consent in the browser (OAuth2 authorization code flow: Schwab) adds
/// to its tokens: the URL the person opens to consent, and the exchange of the code the venue redirects back with (the
/// tokens go to the secret store, never to the caller). tastytrade's tokens come from a grant made on its site instead,
/// stored as credentials, so it has tokens (<see cref="IBrokerTokens"/>) but no consent.
/// </summary>
public interface IBrokerAuthorization : IBrokerTokens
{
    /// <summary>The venue's consent page for this connection; <paramref name="state"/> comes back with the code (CSRF protection).</summary>
    Uri AuthorizeUrl(string state);

    /// <summary>Exchanges <paramref name="code"/> for tokens and stores them; a refused code is a <see cref="BrokerException"/> of kind <see cref="BrokerErrorKind.Unauthorized"/>.</summary>
    Task AuthorizeAsync(string code, CancellationToken cancellationToken = default);
}
