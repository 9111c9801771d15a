using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace MarketIntel.Infrastructure.Tests.Arm;

/// <summary>
/// An azd environment: its variables (what <c>azd env set</c> and azd itself put there). azd substitutes
/// <c>${NAME}</c> and <c>${NAME=default}</c> in main.parameters.json from them; <see cref="BicepParameters"/> does the
/// same and writes the result as a .bicepparam file for <c>bicep snapshot</c>.
/// </summary>
public sealed partial record AzdEnvironment(string Name, IReadOnlyDictionary<string, string> Variables)
{
    /// <summary>The deploying user's object id in every test environment (azd sets AZURE_PRINCIPAL_ID).</summary>
    public const string PrincipalId = "11111111-1111-1111-1111-111111111111";

    public const string EnvironmentName = "test";

    public const string Location = "eastus2";

    /// <summary>What <c>azd up</c> needs and sets itself; every optional variable unset (the defaults).</summary>
    public static AzdEnvironment Default { get; } = new("default", Base());

    /// <summary>The opt-in Durable Task Scheduler: <c>azd env set DURABLE_BACKEND DurableTaskScheduler</c>.</summary>
    public static AzdEnvironment Scheduler { get; } = new("scheduler", new Dictionary<string, string>(Base(), StringComparer.Ordinal) { ["DURABLE_BACKEND"] = "DurableTaskScheduler" });

    /// <summary>Results in Azure Tables instead of Cosmos DB: <c>azd env set RESULTS_STORE tables</c>.</summary>
    public static AzdEnvironment Tables { get; } = new("tables", new Dictionary<string, string>(Base(), StringComparer.Ordinal) { ["RESULTS_STORE"] = "tables" });

    public static IReadOnlyList<AzdEnvironment> All { get; } = [Default, Scheduler, Tables];

    /// <summary>main.parameters.json with this environment substituted, as <c>param name = value</c> lines typed by the template's declarations.</summary>
    public string BicepParameters(string parametersJson, ArmTemplate template, string usingPath)
    {
        using var doc = JsonDocument.Parse(parametersJson);
        var text = new StringBuilder($"using '{usingPath}'\n");
        foreach (var p in doc.RootElement.GetProperty("parameters").EnumerateObject())
        {
            var raw = p.Value.GetProperty("value").GetString() ?? "";
            var value = Substitution().Replace(raw, m => Variables.TryGetValue(m.Groups[1].Value, out var v) ? v : m.Groups[2].Success ? m.Groups[3].Value : "");
            var type = template.Parameters.TryGetValue(p.Name, out var declaration) ? (string?)declaration["type"] ?? "string" : "string";
            text.Append(CultureInfo.InvariantCulture, $"param {p.Name} = {Literal(type, value)}\n");
        }

        return text.ToString();
    }

    private static string Literal(string type, string value) => type.ToLowerInvariant() switch
    {
        "int" => long.Parse(value, CultureInfo.InvariantCulture).ToString(CultureInfo.InvariantCulture),
        "bool" => bool.Parse(value) ? "true" : "false",
        "array" or "object" => JsonNode.Parse(value)!.ToJsonString(),
        _ => "'" + value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("'", "\\'", StringComparison.Ordinal).Replace("$", "\\$", StringComparison.Ordinal) + "'",
    };

    private static Dictionary<string, string> Base() => new(StringComparer.Ordinal)
    {
        ["AZURE_ENV_NAME"] = EnvironmentName,
        ["AZURE_LOCATION"] = Location,
        ["AZURE_PRINCIPAL_ID"] = PrincipalId,
    };

    [GeneratedRegex(@"\$\{([A-Za-z_][A-Za-z0-9_]*)(=([^}]*))?\}")]
    private static partial Regex Substitution();
}
