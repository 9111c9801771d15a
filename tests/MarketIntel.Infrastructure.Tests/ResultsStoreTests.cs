using MarketIntel.Infrastructure.Tests.Arm;
using MarketIntel.Infrastructure.Tests.Checks;

namespace MarketIntel.Infrastructure.Tests;

/// <summary>
/// <c>azd up</c> keeps results in Cosmos DB by default; <c>azd env set RESULTS_STORE tables</c> deploys Azure Tables in
/// the storage account instead, with no Cosmos DB account and the identity's Table data role.
/// </summary>
public sealed class ResultsStoreTests
{
    private static readonly InfraSources Infra = InfraSources.Load();

    [Fact]
    public void DefaultDeployment_KeepsResultsInCosmos_WithoutResultTables()
    {
        var problems = ResultsStoreCheck.Run(Infra.Snapshot(AzdEnvironment.Default), ResultsStoreCheck.Cosmos);
        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));

        var parameter = Infra.Template.Parameters["resultsStore"];
        Assert.Equal(ResultsStoreCheck.Cosmos, (string?)parameter["defaultValue"]);
        Assert.Equal([ResultsStoreCheck.Cosmos, ResultsStoreCheck.Tables], parameter["allowedValues"]!.AsArray().Select(v => (string?)v));
    }

    [Fact]
    public void TablesDeployment_HasNoCosmos_ItsTables_TheTableRole_AndKeylessSettings()
    {
        var snapshot = Infra.Snapshot(AzdEnvironment.Tables);
        var problems = ResultsStoreCheck.Run(snapshot, ResultsStoreCheck.Tables);
        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
        Assert.Equal(Core.Storage.StorageContainers.All.Count, snapshot.OfType(ResultsStoreCheck.TableType).Count());
        // The Durable backend is unaffected by the results store.
        Assert.Empty(DurableBackendCheck.Run(snapshot, DurableBackendCheck.AzureStorage));
    }

    [Fact]
    public void EachDeployment_FailsTheOtherStoresCheck()
    {
        var cosmos = ResultsStoreCheck.Run(Infra.Snapshot(AzdEnvironment.Default), ResultsStoreCheck.Tables);
        Assert.Contains(cosmos, p => p.Contains("provisions Microsoft.DocumentDB/databaseAccounts", StringComparison.Ordinal));
        Assert.Contains(cosmos, p => p.Contains("table 'marketintelbars'", StringComparison.Ordinal));
        var tables = ResultsStoreCheck.Run(Infra.Snapshot(AzdEnvironment.Tables), ResultsStoreCheck.Cosmos);
        Assert.Contains(tables, p => p.Contains("no Microsoft.DocumentDB/databaseAccounts", StringComparison.Ordinal));
        Assert.Contains(tables, p => p.Contains("sets Tables__ServiceUri", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AzdDefaultFlippedToTables_IsReported()
    {
        var infra = await Infra.RecompiledWith(InfraSources.Parameters, t => Replace(t, "${RESULTS_STORE=cosmos}", "${RESULTS_STORE=tables}"));
        var problems = ResultsStoreCheck.Run(infra.Snapshot(AzdEnvironment.Default), ResultsStoreCheck.Cosmos);
        Assert.Contains(problems, p => p.Contains("output RESULTS_STORE is 'tables'", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("no Microsoft.DocumentDB/databaseAccounts", StringComparison.Ordinal));
    }

    [Fact]
    public async Task TablesWithTheScheduler_KeepTheTableRole_ThatOnlyDurableNeededBefore()
    {
        // The Storage Table Data Contributor assignment used to exist for Durable's Azure Storage backend alone.
        var infra = await Infra.RecompiledWith(InfraSources.Parameters, t => Replace(t, "${DURABLE_BACKEND=AzureStorage}", "${DURABLE_BACKEND=DurableTaskScheduler}"));
        var problems = ResultsStoreCheck.Run(infra.Snapshot(AzdEnvironment.Tables), ResultsStoreCheck.Tables);
        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
        Assert.Empty(RoleCheck.Coverage(infra));
    }

    [Fact]
    public void TableRoleMissing_IsReported()
    {
        var env = AzdEnvironment.Tables;
        var infra = Infra.WithSnapshot(env, root => MutationHelpers.RemoveAssignments(root, RoleCheck.TableDataContributor, RoleCheck.IdentityPrincipal, env));
        Assert.Contains(ResultsStoreCheck.Run(infra.Snapshot(env), ResultsStoreCheck.Tables), p => p.Contains("no Storage Table Data Contributor", StringComparison.Ordinal));
        Assert.Contains(RoleCheck.Coverage(infra), p => p.Contains("Azure Tables (Tables__ServiceUri)", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("Tables__ServiceUri", "https://elsewhere.table.core.windows.net/", "expected the storage account's table endpoint")]
    [InlineData("Tables__ConnectionString", "DefaultEndpointsProtocol=https;AccountName=x", "sets Tables__ConnectionString: Azure is keyless")]
    [InlineData("CosmosDb__Endpoint", "https://x.documents.azure.com:443/", "sets CosmosDb__Endpoint")]
    [InlineData("Tables__TablePrefix", "other", "table 'otherbars'")]
    public void TablesSettingWrong_IsReported(string name, string value, string expected)
    {
        var infra = Infra.WithSnapshot(AzdEnvironment.Tables, root => MutationHelpers.AppSettings(root)[name] = value);
        Assert.Contains(ResultsStoreCheck.Run(infra.Snapshot(AzdEnvironment.Tables), ResultsStoreCheck.Tables), p => p.Contains(expected, StringComparison.Ordinal));
    }

    private static string Replace(string text, string from, string to)
    {
        Assert.True(text.Contains(from, StringComparison.Ordinal), $"mutation anchor not found: {from}");
        return text.Replace(from, to, StringComparison.Ordinal);
    }
}
