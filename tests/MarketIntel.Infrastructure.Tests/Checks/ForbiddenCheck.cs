using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace MarketIntel.Infrastructure.Tests.Checks;

/// <summary>
/// Nothing in the compiled template, the other infra/ files or azure.yaml reads, writes or enables a key; every
/// deployment turns key access off where a resource has it; secrets reach the app only through Key Vault.
/// </summary>
public static partial class ForbiddenCheck
{
    /// <summary>Pattern → why it is forbidden, matched on the compiled template and on each non-Bicep file (whitespace collapsed).</summary>
    public static readonly IReadOnlyList<(Regex Pattern, string Why)> Patterns =
    [
        (new Regex(@"listKeys\s*\(", RegexOptions.IgnoreCase), "listKeys( reads an account key"),
        (new Regex(@"listConnectionStrings\s*\(|listSecrets\s*\(", RegexOptions.IgnoreCase), "list*( returns a key-bearing secret"),
        (new Regex(@"AccountKey\s*=", RegexOptions.IgnoreCase), "a connection string with AccountKey="),
        (new Regex(@"SharedAccessKey\s*=", RegexOptions.IgnoreCase), "a connection string with SharedAccessKey="),
        (new Regex(@"SharedAccessSignature\s*=|[?&]sig=", RegexOptions.IgnoreCase), "a SAS token"),
        (new Regex(@"allowSharedKeyAccess""?\s*:\s*true", RegexOptions.IgnoreCase), "shared keys enabled on storage"),
        (new Regex(@"disableLocalAuth""?\s*:\s*false", RegexOptions.IgnoreCase), "local (key) auth enabled"),
        (new Regex(@"InstrumentationKey\s*=\s*[0-9a-f]{8}-", RegexOptions.IgnoreCase), "a hard-coded instrumentation key"),
        (new Regex(@"allowBlobPublicAccess""?\s*:\s*true", RegexOptions.IgnoreCase), "public blob access"),
        (new Regex(@"AccountEndpoint=[^;'""]+;AccountKey", RegexOptions.IgnoreCase), "a Cosmos connection string"),
        // Long base64 runs with digits and both cases are how keys look (Cosmos/Storage keys are 88 characters);
        // resource type paths (Microsoft.DocumentDB/databaseAccounts/...) have no digits.
        (new Regex(@"(?<![A-Za-z0-9+/])(?=[A-Za-z0-9+/]*[0-9])(?=[A-Za-z0-9+/]*[a-z])(?=[A-Za-z0-9+/]*[A-Z])[A-Za-z0-9+/]{40,}={0,2}"), "a key-like base64 literal"),
    ];

    /// <summary>Resource type → the property that must be present with this value in every deployment (the default would allow keys).</summary>
    public static readonly IReadOnlyList<(string Type, string Property, bool Value)> RequiredSettings =
    [
        ("Microsoft.Storage/storageAccounts", "allowSharedKeyAccess", false),
        ("Microsoft.Storage/storageAccounts", "allowBlobPublicAccess", false),
        ("Microsoft.DocumentDB/databaseAccounts", "disableLocalAuth", true),
        ("Microsoft.EventHub/namespaces", "disableLocalAuth", true),
        ("Microsoft.Insights/components", "DisableLocalAuth", true),
    ];

    /// <summary>App settings whose names say "secret": their values must be Key Vault references.</summary>
    [GeneratedRegex(@"(ApiKey|SecretKey|KeyId|Password|Secret|Token)$", RegexOptions.IgnoreCase)]
    private static partial Regex SecretName();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();

    public static List<string> Run(InfraSources infra)
    {
        var problems = new List<string>();
        var texts = infra.Files.Where(f => !f.Key.EndsWith(".bicep", StringComparison.Ordinal))
            .Append(new("compiled " + InfraSources.MainBicep, infra.Template.ToString()));
        foreach (var (path, text) in texts)
        {
            var collapsed = Whitespace().Replace(text, " ");
            foreach (var (pattern, why) in Patterns)
            {
                foreach (Match m in pattern.Matches(collapsed))
                {
                    problems.Add($"{path}: {why}: '{m.Value}'");
                }
            }
        }

        // A secure parameter with a default puts the secret in the template.
        foreach (var (deployment, template) in infra.Template.Templates)
        {
            foreach (var (name, declaration) in template["parameters"] as JsonObject ?? [])
            {
                var type = (string?)declaration?["type"] ?? "";
                if (type.StartsWith("secure", StringComparison.OrdinalIgnoreCase) && declaration?["defaultValue"] is JsonNode value
                    && !(value is JsonValue v && v.TryGetValue<string>(out var s) && s.Length == 0))
                {
                    problems.Add($"compiled {InfraSources.MainBicep}: {(deployment.Length == 0 ? "main" : "module " + deployment)}: a @secure() parameter with a default value: {name}");
                }
            }
        }

        foreach (var snapshot in infra.Snapshots)
        {
            foreach (var (type, property, value) in RequiredSettings)
            {
                foreach (var r in snapshot.OfType(type))
                {
                    if (r.Properties[property] is not JsonValue v || !v.TryGetValue<bool>(out var actual) || actual != value)
                    {
                        problems.Add($"{snapshot} deployment: {r}: {property} must be {(value ? "true" : "false")} (is {r.Properties[property]?.ToJsonString() ?? "unset"})");
                    }
                }
            }

            foreach (var (name, value) in snapshot.AppSettings)
            {
                if (SecretName().IsMatch(name) && !IsKeyVaultReference(value))
                {
                    problems.Add($"{InfraSources.FunctionBicep}: app setting '{name}' holds a secret but is not a @Microsoft.KeyVault(SecretUri=...) reference: {value}");
                }
            }
        }

        return problems.Distinct().ToList();
    }

    private static bool IsKeyVaultReference(string value) =>
        value.StartsWith("@Microsoft.KeyVault(SecretUri=", StringComparison.Ordinal)
        || value.StartsWith("[format('@Microsoft.KeyVault(SecretUri={0}", StringComparison.Ordinal);
}
