using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using MarketIntel.Infrastructure.Tests.Arm;

namespace MarketIntel.Infrastructure.Tests.Checks;

/// <summary>
/// Role assignments, in every azd environment's deployment snapshot: every data-plane operation the app settings imply
/// has its role on the resource the setting names, for the identity the function app runs as (and for the deploying
/// user where the README promises it); every assignment is named <c>guid(scope id, principal, role)</c>.
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
    public const string KeyVaultSecretsOfficer = "b86a8fe4-44ce-4948-aee5-eccb2c155cd7";
    public const string MonitoringMetricsPublisher = "3913510d-42f4-4e42-8a64-420c390055eb";

    /// <summary>The user-assigned identity the function app runs as.</summary>
    public const string IdentityPrincipal = "the app's identity";

    /// <summary>The deploying user (AZURE_PRINCIPAL_ID).</summary>
    public const string UserPrincipal = "the deploying user";

    /// <summary>
    /// An operation the app performs, recognized from the app settings, the roles (any one of) it needs on a resource
    /// type, and, where a setting names the resource, which one (its resource id, or the end of it).
    /// </summary>
    public sealed record Requirement(
        string Operation,
        Func<IReadOnlyDictionary<string, string>, bool> AppliesTo,
        string ResourceType,
        string Principal,
        string[] AnyOfRoles,
        Func<IReadOnlyDictionary<string, string>, string?>? Target = null);

    public static readonly IReadOnlyList<Requirement> Requirements =
    [
        new("Cosmos DB reads and writes (CosmosDb__Endpoint)", s => s.ContainsKey("CosmosDb__Endpoint"),
            "Microsoft.DocumentDB/databaseAccounts", IdentityPrincipal, [CosmosDataContributor], s => ReferencedId(s["CosmosDb__Endpoint"])),
        new("Cosmos DB for the deploying user (Data Explorer, local host)", s => s.ContainsKey("CosmosDb__Endpoint"),
            "Microsoft.DocumentDB/databaseAccounts", UserPrincipal, [CosmosDataContributor], s => ReferencedId(s["CosmosDb__Endpoint"])),
        new("raw archive and artifacts (BlobStorage__ServiceUri)", s => s.ContainsKey("BlobStorage__ServiceUri"),
            "Microsoft.Storage/storageAccounts", IdentityPrincipal, [BlobDataOwner, BlobDataContributor], s => ReferencedId(s["BlobStorage__ServiceUri"])),
        new("bars and records in Azure Tables (Tables__ServiceUri)", s => s.ContainsKey("Tables__ServiceUri"),
            "Microsoft.Storage/storageAccounts", IdentityPrincipal, [TableDataContributor], s => ReferencedId(s["Tables__ServiceUri"])),
        new("Azure Tables for the deploying user (Storage Explorer, local host)", s => s.ContainsKey("Tables__ServiceUri"),
            "Microsoft.Storage/storageAccounts", UserPrincipal, [TableDataContributor], s => ReferencedId(s["Tables__ServiceUri"])),
        new("Functions host storage (AzureWebJobsStorage__accountName)", s => s.ContainsKey("AzureWebJobsStorage__accountName"),
            "Microsoft.Storage/storageAccounts", IdentityPrincipal, [BlobDataOwner], StorageAccount),
        new("Durable Azure Storage backend queues (AzureWebJobsStorage without a scheduler)", UsesAzureStorageBackend,
            "Microsoft.Storage/storageAccounts", IdentityPrincipal, [QueueDataContributor], StorageAccount),
        new("Durable Azure Storage backend tables (AzureWebJobsStorage without a scheduler)", UsesAzureStorageBackend,
            "Microsoft.Storage/storageAccounts", IdentityPrincipal, [TableDataContributor], StorageAccount),
        new("tick trigger (TicksEventHub__fullyQualifiedNamespace)", s => s.ContainsKey("TicksEventHub__fullyQualifiedNamespace"),
            "Microsoft.EventHub/namespaces", IdentityPrincipal, [EventHubsDataReceiver], EventHubsNamespace),
        new("tick publishing", s => s.ContainsKey("TicksEventHub__fullyQualifiedNamespace"),
            "Microsoft.EventHub/namespaces", IdentityPrincipal, [EventHubsDataSender], EventHubsNamespace),
        new("Durable Task Scheduler (DURABLE_TASK_SCHEDULER_CONNECTION_STRING)", s => s.ContainsKey("DURABLE_TASK_SCHEDULER_CONNECTION_STRING"),
            "Microsoft.DurableTask/schedulers", IdentityPrincipal, [DurableTaskDataContributor], s => ReferencedId(s["DURABLE_TASK_SCHEDULER_CONNECTION_STRING"])),
        new("Key Vault references", s => s.Values.Any(v => v.Contains("@Microsoft.KeyVault(", StringComparison.Ordinal)),
            "Microsoft.KeyVault/vaults", IdentityPrincipal, [KeyVaultSecretsUser]),
        new("broker secrets written by the app (Brokers__KeyVaultUri)", s => s.ContainsKey("Brokers__KeyVaultUri"),
            "Microsoft.KeyVault/vaults", IdentityPrincipal, [KeyVaultSecretsOfficer]),
        new("telemetry with Entra auth (APPLICATIONINSIGHTS_AUTHENTICATION_STRING)", s => s.ContainsKey("APPLICATIONINSIGHTS_AUTHENTICATION_STRING"),
            "Microsoft.Insights/components", IdentityPrincipal, [MonitoringMetricsPublisher], s => s.TryGetValue("APPLICATIONINSIGHTS_CONNECTION_STRING", out var c) ? ReferencedId(c) : null),
    ];

    /// <summary>Durable's default backend: it runs on AzureWebJobsStorage unless the deployment configures the scheduler.</summary>
    public static bool UsesAzureStorageBackend(IReadOnlyDictionary<string, string> settings) =>
        settings.ContainsKey("AzureWebJobsStorage__accountName") && !settings.ContainsKey("DURABLE_TASK_SCHEDULER_CONNECTION_STRING");

    /// <summary>A role assignment of one deployment: the resource id it is scoped to, its principal (expression or id) and role GUID.</summary>
    public sealed record Assignment(DeploymentSnapshot Deployment, SnapshotResource Resource, string ScopeId, string ScopeType, string PrincipalId, string Principal, string Role)
    {
        public override string ToString() => $"{Deployment} deployment: {Resource.Type} on {ScopeId}";
    }

    public static List<Assignment> Assignments(DeploymentSnapshot snapshot)
    {
        var identity = AppIdentityId(snapshot);
        var result = new List<Assignment>();
        foreach (var r in snapshot.Resources)
        {
            var sql = r.Type.Equals("Microsoft.DocumentDB/databaseAccounts/sqlRoleAssignments", StringComparison.OrdinalIgnoreCase);
            if (!sql && !r.Type.Equals("Microsoft.Authorization/roleAssignments", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            // Cosmos data-plane assignments are children of the account; ARM role assignments are extensions of their scope.
            var scope = sql ? (string?)r.Properties["scope"] ?? "" : ScopeOf(r.Id);
            var principalId = (string?)r.Properties["principalId"] ?? "";
            var principal = principalId == snapshot.Environment.Variables["AZURE_PRINCIPAL_ID"] ? UserPrincipal
                : identity is not null && IdentityPrincipalExpression(principalId) is { } id && id.Equals(identity, StringComparison.OrdinalIgnoreCase) ? IdentityPrincipal
                : principalId;
            var roleDefinition = (string?)r.Properties["roleDefinitionId"] ?? "";
            result.Add(new Assignment(snapshot, r, scope, TypeOf(scope), principalId, principal, roleDefinition[(roleDefinition.LastIndexOf('/') + 1)..]));
        }

        return result;
    }

    public static List<Assignment> Assignments(InfraSources infra) => infra.Snapshots.SelectMany(Assignments).ToList();

    /// <summary>Every requirement an environment's app settings trigger has an assignment of one of its roles on its resource.</summary>
    public static List<string> Coverage(InfraSources infra)
    {
        var problems = new List<string>();
        foreach (var snapshot in infra.Snapshots)
        {
            var settings = snapshot.AppSettings;
            var assignments = Assignments(snapshot);
            if (AppIdentityId(snapshot) is null)
            {
                problems.Add($"{snapshot} deployment: the function app runs as no user-assigned identity");
            }

            foreach (var requirement in Requirements.Where(r => r.AppliesTo(settings)))
            {
                var target = requirement.Target?.Invoke(settings);
                var met = assignments.Any(a =>
                    a.ScopeType.Equals(requirement.ResourceType, StringComparison.OrdinalIgnoreCase)
                    && (target is null || a.ScopeId.EndsWith(target, StringComparison.OrdinalIgnoreCase))
                    && a.Principal == requirement.Principal
                    && requirement.AnyOfRoles.Contains(a.Role, StringComparer.OrdinalIgnoreCase));
                if (!met)
                {
                    problems.Add($"{snapshot} deployment: {requirement.Operation}: no role assignment of {string.Join(" or ", requirement.AnyOfRoles)} to {requirement.Principal} on {target ?? "a " + requirement.ResourceType}");
                }
            }
        }

        return problems;
    }

    /// <summary>
    /// Names are <c>guid(scope id, principal id, role)</c> over the assignment's own scope, principal and role: as an
    /// expression where the principal is only known at deployment, else as the evaluated GUID.
    /// </summary>
    public static List<string> Naming(InfraSources infra)
    {
        var problems = new List<string>();
        foreach (var a in Assignments(infra))
        {
            var name = a.Resource.Name;
            var expected = new[] { a.ScopeId, a.PrincipalId, a.Role };
            if (ArmExpression.IsExpression(name))
            {
                var args = ArmExpression.Arguments(name, "guid");
                if (args is null)
                {
                    problems.Add($"{a}: name '{name}' is not guid(scope, principal, role)");
                    continue;
                }

                if (args.Count != 3)
                {
                    problems.Add($"{a}: name '{name}' has {args.Count} guid arguments, expected scope, principal, role");
                    continue;
                }

                var what = new[] { "its scope", "its principalId", "its role definition" };
                for (var i = 0; i < 3; i++)
                {
                    var literal = ArmExpression.Literal(args[i]);
                    var matches = literal is not null
                        ? literal.Equals(expected[i], StringComparison.OrdinalIgnoreCase)
                        : ArmExpression.IsExpression(expected[i]) && args[i] == expected[i][1..^1];
                    if (!matches)
                    {
                        problems.Add($"{a}: guid argument {i + 1} '{args[i]}' is not {what[i]} '{expected[i]}'");
                    }
                }

                continue;
            }

            var guid = name[(name.LastIndexOf('/') + 1)..];
            if (!Guid.TryParse(guid, out var actual))
            {
                problems.Add($"{a}: name '{name}' is not guid(scope, principal, role)");
            }
            else if (actual != ArmGuid.Create(expected))
            {
                problems.Add($"{a}: name '{name}' is not guid('{a.ScopeId}', '{a.PrincipalId}', '{a.Role}')");
            }
        }

        return problems;
    }

    /// <summary>The resource id of the user-assigned identity the function app runs as, or null.</summary>
    public static string? AppIdentityId(DeploymentSnapshot snapshot)
    {
        var site = snapshot.OfType("Microsoft.Web/sites").FirstOrDefault();
        return site?.Json["identity"]?["userAssignedIdentities"] is JsonObject identities && identities.Count == 1 ? identities.First().Key : null;
    }

    /// <summary>The id in <c>[reference('id', ...).principalId]</c>, or null.</summary>
    private static string? IdentityPrincipalExpression(string principalId)
    {
        var m = PrincipalOfReference().Match(principalId);
        return m.Success ? m.Groups[1].Value : null;
    }

    /// <summary>The id of the first resource an expression reads (<c>reference('id', ...)</c>), or null.</summary>
    private static string? ReferencedId(string value)
    {
        var args = ArmExpression.IsExpression(value) ? ArmExpression.Arguments(value, "reference") : null;
        return args is { Count: > 0 } ? ArmExpression.Literal(args[0]) : null;
    }

    private static string? StorageAccount(IReadOnlyDictionary<string, string> settings) =>
        settings.TryGetValue("AzureWebJobsStorage__accountName", out var name) && !ArmExpression.IsExpression(name) ? ResourceIdSuffix("Microsoft.Storage/storageAccounts", name) : null;

    private static string? EventHubsNamespace(IReadOnlyDictionary<string, string> settings) =>
        settings.TryGetValue("TicksEventHub__fullyQualifiedNamespace", out var host) && !ArmExpression.IsExpression(host) ? ResourceIdSuffix("Microsoft.EventHub/namespaces", host.Split('.')[0]) : null;

    private static string ResourceIdSuffix(string type, string name) => $"/providers/{type}/{name}";

    /// <summary>The scope of an extension resource: its id up to <c>/providers/Microsoft.Authorization/</c>, or the first argument of <c>extensionResourceId(...)</c>.</summary>
    private static string ScopeOf(string id)
    {
        if (ArmExpression.IsExpression(id))
        {
            var args = ArmExpression.Arguments(id, "extensionResourceId");
            return args is { Count: > 0 } ? ArmExpression.Literal(args[0]) ?? "" : "";
        }

        var at = id.IndexOf("/providers/Microsoft.Authorization/", StringComparison.OrdinalIgnoreCase);
        return at < 0 ? "" : id[..at];
    }

    /// <summary>The resource type of a resource id (<c>.../providers/Ns/type/name/child/name</c> → <c>Ns/type/child</c>).</summary>
    private static string TypeOf(string id)
    {
        var at = id.LastIndexOf("/providers/", StringComparison.OrdinalIgnoreCase);
        if (at < 0)
        {
            return id.Contains("/resourceGroups/", StringComparison.OrdinalIgnoreCase) ? "Microsoft.Resources/resourceGroups" : "";
        }

        var segments = id[(at + "/providers/".Length)..].Split('/');
        return string.Join('/', segments.Where((_, i) => i == 0 || i % 2 == 1));
    }

    [GeneratedRegex(@"^\[reference\('([^']+)'(?:, '[^']*')*\)\.principalId\]$")]
    private static partial Regex PrincipalOfReference();
}
