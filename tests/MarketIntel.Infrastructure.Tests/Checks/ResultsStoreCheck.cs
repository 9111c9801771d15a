using MarketIntel.Core.Storage;
using MarketIntel.Infrastructure.Tests.Arm;

namespace MarketIntel.Infrastructure.Tests.Checks;

/// <summary>
/// Where a deployment keeps bars and records (<c>RESULTS_STORE</c>). cosmos (the default): a Cosmos DB account, the
/// app set to <c>Storage__Provider=Azure</c> on its endpoint, and no result tables. tables: no Cosmos DB resource at all,
/// one table per <see cref="StorageContainers"/> name (prefixed) in the storage account, the app set to
/// <c>AzureTables</c> on the account's table endpoint, and Storage Table Data Contributor there for the app's identity.
/// Keyless either way: no connection string or key setting.
/// </summary>
public static class ResultsStoreCheck
{
    public const string Cosmos = "cosmos";
    public const string Tables = "tables";
    public const string TableType = "Microsoft.Storage/storageAccounts/tableServices/tables";

    public static List<string> Run(DeploymentSnapshot snapshot, string expected)
    {
        var problems = new List<string>();
        var settings = snapshot.AppSettings;
        void Problem(string text) => problems.Add($"{snapshot} deployment ({expected}): {text}");

        var output = (string?)snapshot.Root["outputs"]?["RESULTS_STORE"];
        if (output != expected)
        {
            Problem($"output RESULTS_STORE is '{output}' (the postprovision hooks read it)");
        }

        var cosmos = snapshot.Resources.Where(r => r.Type.StartsWith("Microsoft.DocumentDB/", StringComparison.OrdinalIgnoreCase)).ToList();
        var tables = snapshot.OfType(TableType).ToList();
        var account = snapshot.OfType("Microsoft.Storage/storageAccounts").SingleOrDefault();
        foreach (var name in settings.Keys.Where(n => n.EndsWith("ConnectionString", StringComparison.Ordinal) || n.EndsWith("__Key", StringComparison.Ordinal)))
        {
            Problem($"sets {name}: Azure is keyless");
        }

        if (expected == Cosmos)
        {
            Expect("Storage__Provider", v => v == "Azure", "'Azure'");
            if (!cosmos.Any(r => r.Type.Equals("Microsoft.DocumentDB/databaseAccounts", StringComparison.OrdinalIgnoreCase)))
            {
                Problem("no Microsoft.DocumentDB/databaseAccounts");
            }

            foreach (var table in tables)
            {
                Problem($"provisions {table} (only the tables results store needs it)");
            }

            foreach (var name in settings.Keys.Where(n => n.StartsWith("Tables__", StringComparison.Ordinal)))
            {
                Problem($"sets {name}");
            }

            return problems;
        }

        Expect("Storage__Provider", v => v == "AzureTables", "'AzureTables'");
        Expect("Tables__ServiceUri", v => account is not null && v.Contains($"reference('{account.Id}'", StringComparison.OrdinalIgnoreCase) && v.Contains("primaryEndpoints.table", StringComparison.Ordinal), "the storage account's table endpoint");
        foreach (var r in cosmos)
        {
            Problem($"provisions {r} (only the cosmos results store needs it)");
        }

        foreach (var name in settings.Keys.Where(n => n.StartsWith("CosmosDb__", StringComparison.Ordinal)))
        {
            Problem($"sets {name}");
        }

        if (!string.IsNullOrEmpty((string?)snapshot.Root["outputs"]?["COSMOS_ENDPOINT"]))
        {
            Problem("output COSMOS_ENDPOINT is set without a Cosmos DB account");
        }

        var prefix = settings.GetValueOrDefault("Tables__TablePrefix") ?? "marketintel";
        var want = StorageContainers.All.Select(c => prefix + c).ToHashSet(StringComparer.Ordinal);
        var have = tables.Select(t => t.Name[(t.Name.LastIndexOf('/') + 1)..]).ToHashSet(StringComparer.Ordinal);
        foreach (var missing in want.Except(have).Order(StringComparer.Ordinal))
        {
            Problem($"table '{missing}' (Tables__TablePrefix + a container the adapters use) is not provisioned");
        }

        foreach (var extra in have.Except(want).Order(StringComparer.Ordinal))
        {
            Problem($"provisions table '{extra}', which the adapters do not use");
        }

        if (account is not null && tables.Any(t => !t.Id.Contains(account.Name, StringComparison.Ordinal)))
        {
            Problem($"a result table is outside the storage account {account.Name}");
        }

        if (!RoleCheck.Assignments(snapshot).Any(a => a.Principal == RoleCheck.IdentityPrincipal && a.Role.Equals(RoleCheck.TableDataContributor, StringComparison.OrdinalIgnoreCase)
            && account is not null && a.ScopeId.Equals(account.Id, StringComparison.OrdinalIgnoreCase)))
        {
            Problem($"the app identity has no Storage Table Data Contributor ({RoleCheck.TableDataContributor}) on {account?.Id ?? "the storage account"}");
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
    }
}
