using MarketIntel.Infrastructure.Tests.Arm;

namespace MarketIntel.Infrastructure.Tests.Checks;

/// <summary>
/// The Durable Functions backend a deployment provisions. Both keep AzureWebJobsStorage keyless (account name,
/// managed-identity credential, the app identity's client id). AzureStorage (the default, what the app built without
/// options runs): queues and tables in that account, so the identity has Blob Data Owner, Queue and Table Data
/// Contributor there, and nothing of the Durable Task Scheduler exists. DurableTaskScheduler (opt-in): a scheduler
/// and the app's task hub, Durable Task Data Contributor for the identity, and the identity-based connection string.
/// </summary>
public static class DurableBackendCheck
{
    public const string AzureStorage = "AzureStorage";
    public const string Scheduler = "DurableTaskScheduler";
    public const string SchedulerConnection = "DURABLE_TASK_SCHEDULER_CONNECTION_STRING";

    public static List<string> Run(DeploymentSnapshot snapshot, string expected)
    {
        var problems = new List<string>();
        var settings = snapshot.AppSettings;
        var assignments = RoleCheck.Assignments(snapshot);
        var identity = RoleCheck.AppIdentityId(snapshot);
        void Problem(string text) => problems.Add($"{snapshot} deployment ({expected}): {text}");

        var output = (string?)snapshot.Root["outputs"]?["DURABLE_BACKEND"];
        if (output != expected)
        {
            Problem($"output DURABLE_BACKEND is '{output}' (the postprovision hooks read it)");
        }

        var accounts = snapshot.OfType("Microsoft.Storage/storageAccounts").ToList();
        var account = accounts.Count == 1 ? accounts[0] : null;
        if (account is null)
        {
            Problem($"expected one storage account, found {accounts.Count}");
        }

        if (settings.ContainsKey("AzureWebJobsStorage"))
        {
            Problem("sets AzureWebJobsStorage (a connection string); Azure uses AzureWebJobsStorage__accountName with the identity");
        }

        Expect("AzureWebJobsStorage__accountName", v => account is not null && v == account.Name, $"the storage account's name ({account?.Name})");
        Expect("AzureWebJobsStorage__credential", v => v == "managedidentity", "'managedidentity'");
        Expect("AzureWebJobsStorage__clientId", v => identity is not null && v.StartsWith($"[reference('{identity}'", StringComparison.OrdinalIgnoreCase) && v.EndsWith(".clientId]", StringComparison.Ordinal), "the app identity's clientId");
        HasRole(RoleCheck.BlobDataOwner, "Storage Blob Data Owner", account?.Id);

        var dts = snapshot.Resources.Where(r => r.Type.StartsWith("Microsoft.DurableTask/", StringComparison.OrdinalIgnoreCase)).ToList();
        if (expected == AzureStorage)
        {
            HasRole(RoleCheck.QueueDataContributor, "Storage Queue Data Contributor", account?.Id);
            HasRole(RoleCheck.TableDataContributor, "Storage Table Data Contributor", account?.Id);
            foreach (var r in dts)
            {
                Problem($"provisions {r} (only the DurableTaskScheduler backend needs it)");
            }

            if (settings.ContainsKey(SchedulerConnection))
            {
                Problem($"sets {SchedulerConnection}");
            }
        }
        else
        {
            var scheduler = dts.FirstOrDefault(r => r.Type.Equals("Microsoft.DurableTask/schedulers", StringComparison.OrdinalIgnoreCase));
            if (scheduler is null)
            {
                Problem("no Microsoft.DurableTask/schedulers");
            }

            var hub = settings.GetValueOrDefault("TASKHUB_NAME");
            if (!dts.Any(r => r.Type.Equals("Microsoft.DurableTask/schedulers/taskHubs", StringComparison.OrdinalIgnoreCase) && r.Name.EndsWith("/" + hub, StringComparison.Ordinal)))
            {
                Problem($"no task hub named by TASKHUB_NAME ('{hub}')");
            }

            HasRole(RoleCheck.DurableTaskDataContributor, "Durable Task Data Contributor", scheduler?.Id);
            Expect(SchedulerConnection, v => scheduler is not null && v.Contains($"reference('{scheduler.Id}'", StringComparison.OrdinalIgnoreCase)
                && v.Contains("Authentication=ManagedIdentity;ClientID=", StringComparison.Ordinal), "Endpoint=<the scheduler's endpoint>;Authentication=ManagedIdentity;ClientID=<the identity>");
        }

        return problems;

        void Expect(string name, Func<string, bool> valid, string what)
        {
            if (!settings.TryGetValue(name, out var value))
            {
                Problem($"app setting {name} is missing");
            }
            else if (!valid(value))
            {
                Problem($"app setting {name} is '{value}', expected {what}");
            }
        }

        void HasRole(string role, string roleName, string? scopeId)
        {
            if (!assignments.Any(a => a.Principal == RoleCheck.IdentityPrincipal && a.Role.Equals(role, StringComparison.OrdinalIgnoreCase)
                && scopeId is not null && a.ScopeId.Equals(scopeId, StringComparison.OrdinalIgnoreCase)))
            {
                Problem($"the app identity has no {roleName} ({role}) on {scopeId ?? "its resource"}");
            }
        }
    }
}
