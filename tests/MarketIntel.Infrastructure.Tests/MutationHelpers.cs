using System.Text.Json.Nodes;
using MarketIntel.Infrastructure.Tests.Arm;
using MarketIntel.Infrastructure.Tests.Checks;

namespace MarketIntel.Infrastructure.Tests;

/// <summary>Deliberate defects applied to a deployment snapshot's JSON (see <see cref="InfraSources.WithSnapshot"/>).</summary>
public static class MutationHelpers
{
    public static JsonArray Resources(JsonObject snapshot) => snapshot["predictedResources"]!.AsArray();

    /// <summary>The function app's app settings object.</summary>
    public static JsonObject AppSettings(JsonObject snapshot) =>
        Resources(snapshot).OfType<JsonObject>().Single(r => (string?)r["type"] == "Microsoft.Web/sites/config").AsObject()["properties"]!.AsObject();

    /// <summary>The resources of a type, or of a type with a name ending in <paramref name="nameSuffix"/>.</summary>
    public static List<JsonObject> OfType(JsonObject snapshot, string type, string nameSuffix = "") =>
        Resources(snapshot).OfType<JsonObject>()
            .Where(r => (string?)r["type"] == type && ((string?)r["name"] ?? "").EndsWith(nameSuffix, StringComparison.Ordinal)).ToList();

    /// <summary>The role assignments (ARM and Cosmos) of <paramref name="role"/> to <paramref name="principal"/>, as the check classifies them.</summary>
    public static List<JsonObject> Assignments(JsonObject snapshot, string role, string principal, AzdEnvironment environment)
    {
        var classified = RoleCheck.Assignments(new DeploymentSnapshot(environment, snapshot));
        var matching = classified.Where(a => a.Role == role && a.Principal == principal).Select(a => a.Resource.Json).ToList();
        Assert.True(matching.Count > 0, $"no assignment of {role} to {principal} to mutate");
        return matching;
    }

    public static void RemoveAssignments(JsonObject snapshot, string role, string principal, AzdEnvironment environment)
    {
        foreach (var r in Assignments(snapshot, role, principal, environment))
        {
            Resources(snapshot).Remove(r);
        }
    }
}
