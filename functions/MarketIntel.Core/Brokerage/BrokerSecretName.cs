using System.Text.RegularExpressions;

namespace MarketIntel.Core.Brokerage;

/// <summary>
/// The names secrets are stored under: one to eight segments of lower-case letters, digits and '-', separated by '/'
/// (<c>schwab/main/tokens</c>). Narrow on purpose: each store maps a name onto its own rules (a file path locally, a Key
/// Vault secret name in Azure, which allows only letters, digits and '-') without escaping or collisions.
/// </summary>
public static partial class BrokerSecretName
{
    /// <summary>Throws <see cref="ArgumentException"/> naming the rule when <paramref name="name"/> does not follow it.</summary>
    public static string Validate(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (!Pattern().IsMatch(name))
        {
            throw new ArgumentException(
                $"secret name '{name}' is not 1 to 8 '/'-separated segments of lower-case letters, digits and '-' (at most 100 characters)",
                nameof(name));
        }

        return name;
    }

    /// <summary>Where a connection's credentials are kept: <c>{venue}/{connection}/credentials</c>.</summary>
    public static string Credentials(string venue, string connection) => Validate($"{venue}/{connection}/credentials");

    /// <summary>Whether <paramref name="segment"/> can be one segment of a name (a connection or venue name).</summary>
    public static bool IsSegment(string? segment) => segment is { Length: > 0 and <= 40 } && !segment.Contains('/', StringComparison.Ordinal) && Pattern().IsMatch(segment);

    [GeneratedRegex("^(?=.{1,100}$)[a-z0-9]+(?:-[a-z0-9]+)*(?:/[a-z0-9]+(?:-[a-z0-9]+)*){0,7}$")]
    private static partial Regex Pattern();
}
