using System.Text.Json.Nodes;

namespace MarketIntel.Infrastructure.Tests.Arm;

/// <summary>One resource of the compiled template, with the nested deployment (Bicep module) it belongs to ("" at the top).</summary>
public sealed record ArmResource(string Deployment, JsonObject Json)
{
    public string Type => (string?)Json["type"] ?? "";

    public string ApiVersion => (string?)Json["apiVersion"] ?? "";

    public string Name => (string?)Json["name"] ?? "";

    public override string ToString() => $"{(Deployment.Length == 0 ? "main" : "module " + Deployment)}: {Type}@{ApiVersion} {Name}";
}
