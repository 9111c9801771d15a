using System.Text.RegularExpressions;
using MarketIntel.Infrastructure.Tests.Bicep;

namespace MarketIntel.Infrastructure.Tests.Checks;

/// <summary>
/// Role assignments: every data-plane operation the app settings imply has its role for the identity (and the
/// deploying user where the README promises it), and every assignment is named <c>guid(scope.id, principal, role)</c>.
/// </summary>
public static partial class RoleCheck
{
    public const string CosmosDataContributor = "00000000-0000-0000-0000-000000000002";
    public const string BlobDataOwner = "b7e6dc6d-f1e8-4753-8033-0f276bb0955b";
    public const string BlobDataContributor = "ba92f5b4-2d11-453d-a403-e96b0029c9fe";
    public const string QueueDataContributor = "974c5e8b-45b9-4653-ba55-5f855dd0fb88";
    public const string TableDataContributor = "0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3";
    public const string EventHubsDataReceiver = "a638d3c7-ab3a-418d-83e6-5f17a39d4fde";
    public const string EventHubsDataSender = "2b629674-e913-4c01-ae53-ef4638d8f975";
    public const string DurableTaskDataContributor = "0ad04412-c4d5-4796-b79c-f76d14c8d402";
    public const string KeyVaultSecretsUser = "4633458b-17de-408a-b874-0445c86b69e6";
    public const string MonitoringMetricsPublisher = "3913510d-42f4-4e42-8a64-420c390055eb";

    /// <summary>The identity's principal id inside modules (main.bicep passes identity.outputs.principalId to it).</summary>
    public const string IdentityPrincipal = "identityPrincipalId";

    /// <summary>The deploying user's principal id (AZURE_PRINCIPAL_ID).</summary>
    public const string UserPrincipal = "principalId";

    /// <summary>An operation the app performs, recognized by an app setting, and the roles (any one of) it needs on a resource type.</summary>
    public sealed record Requirement(string Operation, Func<string, string, bool> AppliesTo, string ResourceType, string Principal, string[] AnyOfRoles);

    public static readonly IReadOnlyList<Requirement> Requirements =
    [
        new("Cosmos DB reads and writes (CosmosDb__Endpoint)", (k, _) => k == "CosmosDb__Endpoint",
            "Microsoft.DocumentDB/databaseAccounts", IdentityPrincipal, [CosmosDataContributor]),
        new("Cosmos DB for the deploying user (Data Explorer, local host)", (k, _) => k == "CosmosDb__Endpoint",
            "Microsoft.DocumentDB/databaseAccounts", UserPrincipal, [CosmosDataContributor]),
        new("raw archive and artifacts (BlobStorage__ServiceUri)", (k, _) => k == "BlobStorage__ServiceUri",
            "Microsoft.Storage/storageAccounts", IdentityPrincipal, [BlobDataOwner, BlobDataContributor]),
        new("Functions host storage (AzureWebJobsStorage__blobServiceUri)", (k, _) => k == "AzureWebJobsStorage__blobServiceUri",
            "Microsoft.Storage/storageAccounts", IdentityPrincipal, [BlobDataOwner]),
        new("Durable Azure Storage backend queues", (k, v) => k.EndsWith("durableTask__storageProvider__type", StringComparison.Ordinal) && v.Contains("AzureStorage", StringComparison.OrdinalIgnoreCase),
            "Microsoft.Storage/storageAccounts", IdentityPrincipal, [QueueDataContributor]),
        new("Durable Azure Storage backend tables", (k, v) => k.EndsWith("durableTask__storageProvider__type", StringComparison.Ordinal) && v.Contains("AzureStorage", StringComparison.OrdinalIgnoreCase),
            "Microsoft.Storage/storageAccounts", IdentityPrincipal, [TableDataContributor]),
        new("tick trigger (TicksEventHub__fullyQualifiedNamespace)", (k, _) => k == "TicksEventHub__fullyQualifiedNamespace",
            "Microsoft.EventHub/namespaces", IdentityPrincipal, [EventHubsDataReceiver]),
        new("tick publishing", (k, _) => k == "TicksEventHub__fullyQualifiedNamespace",
            "Microsoft.EventHub/namespaces", IdentityPrincipal, [EventHubsDataSender]),
        new("Durable Task Scheduler (DURABLE_TASK_SCHEDULER_CONNECTION_STRING)", (k, _) => k == "DURABLE_TASK_SCHEDULER_CONNECTION_STRING",
            "Microsoft.DurableTask/schedulers", IdentityPrincipal, [DurableTaskDataContributor]),
        new("Key Vault references", (_, v) => v.Contains("@Microsoft.KeyVault(", StringComparison.Ordinal),
            "Microsoft.KeyVault/vaults", IdentityPrincipal, [KeyVaultSecretsUser]),
        new("telemetry with Entra auth (APPLICATIONINSIGHTS_AUTHENTICATION_STRING)", (k, _) => k == "APPLICATIONINSIGHTS_AUTHENTICATION_STRING",
            "Microsoft.Insights/components", IdentityPrincipal, [MonitoringMetricsPublisher]),
    ];

    /// <summary>A role assignment resolved to the type of resource it is scoped to, its principal expression and role GUIDs.</summary>
    public sealed record Assignment(BicepResource Resource, string? ScopeType, string Principal, HashSet<string> Roles);

    public static List<Assignment> Assignments(InfraSources infra)
    {
        var result = new List<Assignment>();
        foreach (var file in infra.Bicep.Values)
        {
            foreach (var r in file.Resources.Where(r => r.IsRoleAssignment))
            {
                var scopeSymbol = r.ScopeSymbol;
                var scopeType = file.Resources.FirstOrDefault(s => s.Symbol == scopeSymbol)?.Type;
                var principal = r.Body.Get("properties.principalId") ?? "";
                var roles = file.GuidsOf(r.Body.Get("properties.roleDefinitionId") ?? "");
                result.Add(new Assignment(r, scopeType, principal, roles));
            }
        }

        return result;
    }

    /// <summary>(c): every requirement triggered by an app setting has an assignment of one of its roles on its resource type.</summary>
    public static List<string> Coverage(InfraSources infra)
    {
        var problems = new List<string>();
        var settings = SettingsCheck.AppSettingsProperties(infra);
        var assignments = Assignments(infra);
        foreach (var requirement in Requirements)
        {
            if (!settings.Any(s => requirement.AppliesTo(s.Key, s.Value)))
            {
                continue;
            }

            var met = assignments.Any(a =>
                string.Equals(a.ScopeType, requirement.ResourceType, StringComparison.OrdinalIgnoreCase)
                && a.Principal == requirement.Principal
                && requirement.AnyOfRoles.Any(a.Roles.Contains));
            if (!met)
            {
                problems.Add($"{requirement.Operation}: no role assignment of {string.Join(" or ", requirement.AnyOfRoles)} to {requirement.Principal} on a {requirement.ResourceType}");
            }
        }

        // The identity in every module must be the user-assigned identity the app runs as.
        var main = infra.File(InfraSources.MainBicep);
        foreach (var module in main.Modules)
        {
            if (module.Params?[IdentityPrincipal] is { } value && value != "identity.outputs.principalId")
            {
                problems.Add($"{main.Name}: module {module.Symbol} gets {IdentityPrincipal}: {value}, not identity.outputs.principalId");
            }
        }

        return problems;
    }

    /// <summary>(e): names are <c>guid(&lt;scope&gt;.id, &lt;principal&gt;, &lt;role&gt;)</c> over this assignment's own scope, principal and role.</summary>
    public static List<string> Naming(InfraSources infra)
    {
        var problems = new List<string>();
        foreach (var a in Assignments(infra))
        {
            var r = a.Resource;
            var name = BicepText.CollapseWhitespace(r.Body["name"] ?? "");
            var m = GuidCall().Match(name);
            if (!m.Success)
            {
                problems.Add($"{r}: name '{name}' is not guid(scope, principal, role)");
                continue;
            }

            var args = BicepText.SplitEntries(m.Groups[1].Value);
            if (args.Count != 3)
            {
                problems.Add($"{r}: name '{name}' has {args.Count} guid arguments, expected scope, principal, role");
                continue;
            }

            if (r.ScopeSymbol is null || args[0] != r.ScopeSymbol + ".id")
            {
                problems.Add($"{r}: first guid argument '{args[0]}' is not its scope '{r.ScopeSymbol}.id'");
            }

            if (args[1] != a.Principal)
            {
                problems.Add($"{r}: second guid argument '{args[1]}' is not its principalId '{a.Principal}'");
            }

            var file = infra.Bicep[r.File];
            var roleGuids = file.GuidsOf(args[2]);
            if (roleGuids.Count == 0 || !roleGuids.SetEquals(a.Roles))
            {
                problems.Add($"{r}: third guid argument '{args[2]}' is not its role definition ({string.Join(", ", a.Roles)})");
            }
        }

        return problems;
    }

    [GeneratedRegex(@"^guid\((.*)\)$")]
    private static partial Regex GuidCall();
}
