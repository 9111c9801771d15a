using System.Text.RegularExpressions;

namespace MarketIntel.Infrastructure.Tests.Checks;

/// <summary>(d): nothing in infra/ or azure.yaml reads, writes or enables a key; secrets reach the app only through Key Vault.</summary>
public static partial class ForbiddenCheck
{
    /// <summary>Pattern → why it is forbidden. Matched on each file with whitespace collapsed.</summary>
    public static readonly IReadOnlyList<(Regex Pattern, string Why)> Patterns =
    [
        (new Regex(@"listKeys\s*\(", RegexOptions.IgnoreCase), "listKeys( reads an account key"),
        (new Regex(@"listConnectionStrings\s*\(|listSecrets\s*\(", RegexOptions.IgnoreCase), "list*( returns a key-bearing secret"),
        (new Regex(@"AccountKey\s*=", RegexOptions.IgnoreCase), "a connection string with AccountKey="),
        (new Regex(@"SharedAccessKey\s*=", RegexOptions.IgnoreCase), "a connection string with SharedAccessKey="),
        (new Regex(@"SharedAccessSignature\s*=|[?&]sig=", RegexOptions.IgnoreCase), "a SAS token"),
        (new Regex(@"allowSharedKeyAccess\s*:\s*true", RegexOptions.IgnoreCase), "shared keys enabled on storage"),
        (new Regex(@"disableLocalAuth\s*:\s*false", RegexOptions.IgnoreCase), "local (key) auth enabled"),
        (new Regex(@"InstrumentationKey\s*=\s*[0-9a-f]{8}-", RegexOptions.IgnoreCase), "a hard-coded instrumentation key"),
        (new Regex(@"allowBlobPublicAccess\s*:\s*true", RegexOptions.IgnoreCase), "public blob access"),
        (new Regex(@"AccountEndpoint=[^;'""]+;AccountKey", RegexOptions.IgnoreCase), "a Cosmos connection string"),
        // Long base64 runs with digits and both cases are how keys look (Cosmos/Storage keys are 88 characters);
        // resource type paths (Microsoft.DocumentDB/databaseAccounts/...) have no digits.
        (new Regex(@"(?<![A-Za-z0-9+/])(?=[A-Za-z0-9+/]*[0-9])(?=[A-Za-z0-9+/]*[a-z])(?=[A-Za-z0-9+/]*[A-Z])[A-Za-z0-9+/]{40,}={0,2}"), "a key-like base64 literal"),
        // A @secure() parameter with a non-empty default puts the secret in the template.
        (new Regex(@"@secure\(\)\s*(?:@\w+\((?:[^()]|\([^()]*\))*\)\s*)*param\s+\w+\s+string\s*=\s*'[^']+'"), "a @secure() parameter with a default value"),
    ];

    /// <summary>App settings whose names say "secret": their values must be Key Vault references.</summary>
    [GeneratedRegex(@"(ApiKey|SecretKey|KeyId|Password|Secret|Token)$", RegexOptions.IgnoreCase)]
    private static partial Regex SecretName();

    public static List<string> Run(InfraSources infra)
    {
        var problems = new List<string>();
        foreach (var (path, text) in infra.Files)
        {
            var source = path.EndsWith(".bicep", StringComparison.Ordinal) ? Bicep.BicepText.StripComments(text) : text;
            var collapsed = Bicep.BicepText.CollapseWhitespace(source);
            foreach (var (pattern, why) in Patterns)
            {
                foreach (Match m in pattern.Matches(collapsed))
                {
                    problems.Add($"{path}: {why}: '{m.Value}'");
                }
            }
        }

        foreach (var (name, value) in SettingsCheck.AppSettingsProperties(infra))
        {
            if (SecretName().IsMatch(name) && !value.StartsWith("'@Microsoft.KeyVault(SecretUri=", StringComparison.Ordinal))
            {
                problems.Add($"{InfraSources.FunctionBicep}: app setting '{name}' holds a secret but is not a @Microsoft.KeyVault(SecretUri=...) reference: {value}");
            }
        }

        return problems;
    }
}
