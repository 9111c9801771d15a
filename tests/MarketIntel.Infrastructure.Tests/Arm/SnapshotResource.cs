using System.Text.Json.Nodes;

namespace MarketIntel.Infrastructure.Tests.Arm;

/// <summary>
/// One resource a deployment would create, as <c>bicep snapshot</c> predicts it: ids, names and values evaluated where
/// the deployment engine can (parameters, variables, resource ids, conditions), ARM expressions where it cannot
/// (<c>reference(...)</c> of resources that do not exist yet).
/// </summary>
public sealed record SnapshotResource(JsonObject Json)
{
    public string Id => (string?)Json["id"] ?? "";

    public string Type => (string?)Json["type"] ?? "";

    public string Name => (string?)Json["name"] ?? "";

    public string ApiVersion => (string?)Json["apiVersion"] ?? "";

    public JsonObject Properties => Json["properties"] as JsonObject ?? [];

    public string? Tag(string name) => (string?)Json["tags"]?[name];

    public override string ToString() => $"{Type} {Name}";
}
