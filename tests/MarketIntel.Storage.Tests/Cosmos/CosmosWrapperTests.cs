using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.Json;
using MarketIntel.Storage.Tests.Emulators;
using Microsoft.Azure.Cosmos;

namespace MarketIntel.Storage.Tests.Cosmos;

/// <summary>
/// Each fix of tests/emulators/cosmos-wrapper.js, proven through the Cosmos DB SDK: with the fix switched off
/// (<c>--disable-fix</c>) the SDK call fails or misbehaves; with the wrapper as the tests use it, it works.
/// </summary>
[Trait("Category", "Emulator")]
[Collection(CosmosCollection.Name)]
public sealed class CosmosWrapperTests(CosmosEmulatorFixture cosmos)
{
    [Fact]
    public async Task QueryPlanFix_IsNeededForOrderByQueries_AndMakesThemWork()
    {
        await using var broken = await NodeEmulators.StartCosmosAsync(disabledFixes: "query-plan");
        using var brokenClient = ClientFor(broken);
        var brokenContainer = await SeedAsync(brokenClient);
        var fixedContainer = await SeedAsync(cosmos.Client, cosmos.DatabaseName + "-wrapper");

        await Assert.ThrowsAnyAsync<Exception>(() => QueryAsync(brokenContainer, "SELECT * FROM c WHERE c.pk = 'a' ORDER BY c.n DESC", "a"));
        var ordered = await QueryAsync(fixedContainer, "SELECT * FROM c WHERE c.pk = 'a' ORDER BY c.n DESC", "a");

        Assert.Equal([3, 2, 1], ordered.Select(d => d.GetProperty("n").GetInt32()));
    }

    [Fact]
    public async Task PartitionFilterFix_IsNeededWhenTheKeyIsOnlyInTheRequestOptions_AndScopesTheResults()
    {
        await using var broken = await NodeEmulators.StartCosmosAsync(disabledFixes: "partition-filter");
        using var brokenClient = ClientFor(broken);
        var brokenContainer = await SeedAsync(brokenClient);
        var fixedContainer = await SeedAsync(cosmos.Client, cosmos.DatabaseName + "-wrapper2");

        // The server ignores the header's key (other partitions leak in) or, for a query without a filter, refuses it.
        var leaked = await QueryAsync(brokenContainer, "SELECT * FROM c WHERE c.n > 0", "a");
        var refused = await Assert.ThrowsAsync<CosmosException>(() => QueryAsync(brokenContainer, "SELECT * FROM c", "a"));
        var scoped = await QueryAsync(fixedContainer, "SELECT * FROM c WHERE c.n > 0", "a");
        var scopedUnfiltered = await QueryAsync(fixedContainer, "SELECT * FROM c", "a");

        Assert.Contains(leaked, d => d.GetProperty("pk").GetString() == "b");
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Equal(3, scopedUnfiltered.Count);
        Assert.Equal(3, scoped.Count);
        Assert.All(scoped, d => Assert.Equal("a", d.GetProperty("pk").GetString()));
    }

    [Fact]
    public async Task LogRequests_PrintsEachRequestWithItsStatusAndTheQueryText()
    {
        await using var logged = await EmulatorProcess.StartAsync(NodeEmulators.CosmosWrapperScript, ["--log-requests"], "cosmos-wrapper ready", TimeSpan.FromSeconds(60));
        using var client = ClientFor(logged);
        var container = await SeedAsync(client);

        await QueryAsync(container, "SELECT * FROM c WHERE c.n = 3", "a");

        // The wrapper logs a request once its response is sent, so its line may reach us just after the SDK call returns.
        var query = new System.Text.RegularExpressions.Regex(@"^POST /dbs/[^/]+/colls/[^/]+/docs 200 [0-9.]+ms \{""query"":""SELECT \* FROM c WHERE c\.n = 3""", System.Text.RegularExpressions.RegexOptions.Multiline);
        for (var i = 0; i < 50 && !query.IsMatch(logged.Output); i++)
        {
            await Task.Delay(100);
        }

        Assert.Matches(query, logged.Output);
        Assert.Matches(new System.Text.RegularExpressions.Regex(@"^POST /dbs/[^/]+/colls/[^/]+/docs 201 [0-9.]+ms$", System.Text.RegularExpressions.RegexOptions.Multiline), logged.Output);
    }

    [Fact]
    public async Task NotFoundFix_IsNeededForReadsOfMissingItems_AndMapsThemTo404()
    {
        await using var broken = await NodeEmulators.StartCosmosAsync(disabledFixes: "not-found");
        using var brokenClient = ClientFor(broken);
        var brokenContainer = await SeedAsync(brokenClient);
        var fixedContainer = await SeedAsync(cosmos.Client, cosmos.DatabaseName + "-wrapper3");

        var unmapped = await Assert.ThrowsAsync<CosmosException>(() => brokenContainer.ReadItemAsync<JsonElement>("missing", new PartitionKey("a")));
        var mapped = await Assert.ThrowsAsync<CosmosException>(() => fixedContainer.ReadItemAsync<JsonElement>("missing", new PartitionKey("a")));

        Assert.Equal(HttpStatusCode.InternalServerError, unmapped.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, mapped.StatusCode);
    }

    [Fact]
    public async Task Wrapper_ExitsByItself_WhenTheProcessThatStartedItDies()
    {
        using var parent = Process.Start(new ProcessStartInfo("sleep", "300") { UseShellExecute = false })!;
        try
        {
            await using var emulator = await NodeEmulators.StartCosmosAsync(parentPid: parent.Id);
            Assert.False(emulator.HasExited);

            parent.Kill();
            await parent.WaitForExitAsync();

            Assert.True(await emulator.WaitForExitAsync(TimeSpan.FromSeconds(30)), "the wrapper outlived its parent");
        }
        finally
        {
            if (!parent.HasExited)
            {
                parent.Kill();
            }
        }
    }

    private static CosmosClient ClientFor(EmulatorProcess emulator) => CosmosEmulatorFixture.CreateClient(
        new Uri($"https://127.0.0.1:{emulator.Port.ToString(CultureInfo.InvariantCulture)}/"), NodeEmulators.CosmosEmulatorKey);

    private static async Task<Container> SeedAsync(CosmosClient client, string database = "wrapper-test")
    {
        var db = (await client.CreateDatabaseIfNotExistsAsync(database)).Database;
        var container = (await db.CreateContainerIfNotExistsAsync("items", "/pk")).Container;
        foreach (var (id, pk, n) in new[] { ("1", "a", 1), ("2", "a", 3), ("3", "a", 2), ("4", "b", 9) })
        {
            await container.UpsertItemAsync(new Dictionary<string, object> { ["id"] = id, ["pk"] = pk, ["n"] = n }, new PartitionKey(pk));
        }

        return container;
    }

    private static async Task<List<JsonElement>> QueryAsync(Container container, string sql, string partitionKey)
    {
        var results = new List<JsonElement>();
        using var iterator = container.GetItemQueryIterator<JsonElement>(new QueryDefinition(sql), requestOptions: new QueryRequestOptions { PartitionKey = new PartitionKey(partitionKey) });
        while (iterator.HasMoreResults)
        {
            results.AddRange(await iterator.ReadNextAsync());
        }

        return results;
    }
}
