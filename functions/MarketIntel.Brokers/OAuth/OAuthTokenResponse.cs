using System.Globalization;
using System.Text.Json;
using MarketIntel.Core.Brokerage;

namespace MarketIntel.Brokers.OAuth;

/// <summary>
/// Reads a token endpoint's answer (RFC 6749 5.1 and 5.2): <c>access_token</c>, <c>expires_in</c> (seconds),
/// <c>refresh_token</c> and, where a venue sends it, <c>refresh_token_expires_in</c>; an error body's <c>error</c>
/// <c>invalid_grant</c> is a refused grant (<see cref="OAuthReasonCodes.GrantRefused"/>). Messages never quote the body,
/// which may hold tokens.
/// </summary>
public static class OAuthTokenResponse
{
    public static OAuthTokenGrant Read(string broker, int status, string body, TimeSpan defaultLifetime)
    {
        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(body);
        }
        catch (JsonException)
        {
            throw status >= 500
                ? new BrokerException(broker, BrokerErrorKind.Unavailable, BrokerReasonCodes.Unavailable, $"token endpoint: {status}", status)
                : new BrokerException(broker, BrokerErrorKind.Protocol, BrokerReasonCodes.ProtocolError, $"token endpoint: {status}, the answer is not JSON", status);
        }

        using (doc)
        {
            var root = doc.RootElement;
            if (status is >= 200 and < 300)
            {
                var access = Text(root, "access_token") ?? throw new BrokerException(broker, BrokerErrorKind.Protocol, BrokerReasonCodes.ProtocolError, "token endpoint: access_token is missing", status);
                var expires = Seconds(root, "expires_in") ?? defaultLifetime;
                return new OAuthTokenGrant(access, expires, Text(root, "refresh_token"), Seconds(root, "refresh_token_expires_in"));
            }

            var error = Text(root, "error") ?? "(no error code)";
            if (error == "invalid_grant")
            {
                throw new BrokerException(broker, BrokerErrorKind.Unauthorized, OAuthReasonCodes.GrantRefused, $"token endpoint: {status} invalid_grant", status);
            }

            throw status >= 500
                ? new BrokerException(broker, BrokerErrorKind.Unavailable, BrokerReasonCodes.Unavailable, $"token endpoint: {status} {error}", status)
                : new BrokerException(broker, BrokerErrorKind.Unauthorized, BrokerReasonCodes.Unauthorized, $"token endpoint: {status} {error}", status);
        }
    }

    private static string? Text(JsonElement e, string name) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    private static TimeSpan? Seconds(JsonElement e, string name)
    {
        if (e.ValueKind != JsonValueKind.Object || !e.TryGetProperty(name, out var v))
        {
            return null;
        }

        if (v.ValueKind == JsonValueKind.Number && v.TryGetInt64(out var n))
        {
            return TimeSpan.FromSeconds(n);
        }

        return v.ValueKind == JsonValueKind.String && long.TryParse(v.GetString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var s) ? TimeSpan.FromSeconds(s) : null;
    }
}
