using System.Text.Json.Nodes;

namespace MarketIntel.Infrastructure.Tests.Arm;

/// <summary>
/// What one azd environment would deploy: <c>bicep snapshot</c> of main.bicep with the parameter values azd derives from
/// main.parameters.json and that environment's variables.
/// </summary>
public sealed class DeploymentSnapshot(AzdEnvironment environment, JsonObject root)
{
    public AzdEnvironment Environment { get; } = environment;

    public JsonObject Root { get; } = root;

    public IReadOnlyList<SnapshotResource> Resources =>
        (Root["predictedResources"] as JsonArray ?? []).OfType<JsonObject>().Select(r => new SnapshotResource(r)).ToList();

    /// <summary>Diagnostics the snapshot reported (expected empty).</summary>
    public IReadOnlyList<string> Diagnostics =>
        (Root["diagnostics"] as JsonArray ?? []).Select(d => d?.ToJsonString() ?? "").ToList();

    public IEnumerable<SnapshotResource> OfType(string type) =>
        Resources.Where(r => r.Type.Equals(type, StringComparison.OrdinalIgnoreCase));

    /// <summary>The function app's app settings (the <c>Microsoft.Web/sites/config</c> named <c>appsettings</c>); empty when there is none.</summary>
    public IReadOnlyDictionary<string, string> AppSettings
    {
        get
        {
            var config = OfType("Microsoft.Web/sites/config").FirstOrDefault(r => r.Name.EndsWith("/appsettings", StringComparison.Ordinal));
            return config is null
                ? new Dictionary<string, string>(StringComparer.Ordinal)
                : config.Properties.ToDictionary(p => p.Key, p => p.Value is JsonValue v && v.TryGetValue<string>(out var s) ? s : p.Value?.ToJsonString() ?? "", StringComparer.Ordinal);
        }
    }

    public DeploymentSnapshot Clone() => new(Environment, Root.DeepClone().AsObject());

    public override string ToString() => Environment.Name;
}
