using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace MarketIntel.Infrastructure.Tests.Arm;

/// <summary>
/// The ARM JSON that <c>bicep build infra/main.bicep</c> writes. Modules compile into
/// <c>Microsoft.Resources/deployments</c> resources whose <c>properties.template</c> holds the module; <see cref="Resources"/>
/// walks them. Values stay ARM expression strings (<c>[parameters('x')]</c>).
/// </summary>
public sealed class ArmTemplate(JsonObject root)
{
    public const string DeploymentType = "Microsoft.Resources/deployments";

    public JsonObject Root { get; } = root;

    /// <summary>Every resource, nested deployments included (the deployment resources themselves too).</summary>
    public IEnumerable<ArmResource> Resources => Walk(Root, "");

    /// <summary>Every template: the root ("") and each module's, by deployment name.</summary>
    public IEnumerable<(string Deployment, JsonObject Template)> Templates
    {
        get
        {
            yield return ("", Root);
            foreach (var r in Resources.Where(r => r.Type == DeploymentType))
            {
                if (r.Json["properties"]?["template"] is JsonObject template)
                {
                    yield return (r.Name, template);
                }
            }
        }
    }

    /// <summary>The top-level parameters: name → declaration (type, defaultValue, allowedValues ...).</summary>
    public IReadOnlyDictionary<string, JsonObject> Parameters =>
        (Root["parameters"] as JsonObject ?? []).ToDictionary(p => p.Key, p => p.Value!.AsObject(), StringComparer.Ordinal);

    public static ArmTemplate Parse(string json) =>
        new(JsonNode.Parse(json)?.AsObject() ?? throw new FormatException("the compiled template is not a JSON object"));

    public ArmTemplate Clone() => new(Root.DeepClone().AsObject());

    /// <summary>The JSON as written (quotes and '+' unescaped, so text checks see what Bicep wrote).</summary>
    public override string ToString() => Root.ToJsonString(new JsonSerializerOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });

    private static IEnumerable<ArmResource> Walk(JsonObject template, string deployment)
    {
        // languageVersion 2.0 templates hold resources by symbolic name; 1.0 templates in an array.
        IEnumerable<JsonNode?> resources = template["resources"] switch
        {
            JsonArray array => array,
            JsonObject map => map.Select(p => p.Value),
            _ => [],
        };
        foreach (var node in resources)
        {
            if (node is not JsonObject json)
            {
                continue;
            }

            var resource = new ArmResource(deployment, json);
            yield return resource;
            if (resource.Type == DeploymentType && json["properties"]?["template"] is JsonObject nested)
            {
                var name = resource.Name;
                foreach (var inner in Walk(nested, deployment.Length == 0 ? name : $"{deployment}/{name}"))
                {
                    yield return inner;
                }
            }
        }
    }
}
