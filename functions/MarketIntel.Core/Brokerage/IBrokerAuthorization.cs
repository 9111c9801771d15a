namespace MarketIntel.Core.Brokerage;

/// <summary>
/// What a venue whose access needs a person's OAuth2 consent (authorization code flow: Schwab, tastytrade) adds to
/// <see cref="IBroker"/>: the URL the person opens to consent, the exchange of the code the venue redirects back with
/// (the tokens go to the secret store, never to the caller), and where the tokens stand.
/// </summary>
public interface IBrokerAuthorization
{
    /// <summary>The venue's consent page for this connection; <paramref name="state"/> comes back with the code (CSRF protection).</summary>
    Uri AuthorizeUrl(string state);

    /// <summary>Exchanges <paramref name="code"/> for tokens and stores them; a refused code is a <see cref="BrokerException"/> of kind <see cref="BrokerErrorKind.Unauthorized"/>.</summary>
    Task AuthorizeAsync(string code, CancellationToken cancellationToken = default);

    BrokerTokenStatus TokenStatus { get; }
}
