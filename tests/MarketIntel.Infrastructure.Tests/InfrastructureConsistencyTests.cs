using MarketIntel.Infrastructure.Tests.Checks;
using Xunit.Abstractions;

namespace MarketIntel.Infrastructure.Tests;

/// <summary>The repository's infra/ and azure.yaml against the code, as they are at test time.</summary>
public sealed class InfrastructureConsistencyTests(ITestOutputHelper output)
{
    private static readonly InfraSources Infra = InfraSources.Load();

    [Fact]
    public void AppSettings_CodeAndBicepAgree()
    {
        var notes = new List<string>();
        var problems = SettingsCheck.Run(Infra, CodeSettings.Load(), notes);
        notes.ForEach(output.WriteLine);
        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
    }

    [Fact]
    public void AppSettings_ScannerFindsTheKnownKeysInTheCode()
    {
        // Guards the scanner itself: if it stopped finding anything, the agreement test above would pass vacuously.
        var code = CodeSettings.Load();
        foreach (var name in new[] { "Storage__Provider", "CosmosDb__Endpoint", "BlobStorage__ServiceUri", "Ingestion__Polygon__ApiKey", "Api__Owner", "Api__MaxBarsPerRequest" })
        {
            Assert.True(code.Settings.ContainsKey(name), $"the scanner no longer finds {name}");
        }
    }

    [Fact]
    public void CosmosContainers_MatchTheAdapter()
    {
        var problems = CosmosCheck.Run(Infra, Repository.Read(CosmosCheck.AdapterPath));
        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
    }

    [Fact]
    public void CosmosContainers_AdapterReaderSeesTtlOnExpiringContainers()
    {
        var code = CosmosCheck.FromCode(Repository.Read(CosmosCheck.AdapterPath));
        Assert.Equal(Core.Storage.StorageContainers.All.Count, code.Count);
        Assert.Contains(code, c => c.Name == "runs" && c.DefaultTtl == -1);
        Assert.Contains(code, c => c.Name == "bars" && c.DefaultTtl is null && c.PartitionKeyPath == "/pk");
    }

    [Fact]
    public void DataPlaneOperations_HaveTheirRoles()
    {
        var problems = RoleCheck.Coverage(Infra);
        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
    }

    [Fact]
    public void RoleAssignments_AreNamedGuidOfScopePrincipalRole()
    {
        Assert.True(RoleCheck.Assignments(Infra).Count >= 10, "expected the role assignments of every module");
        var problems = RoleCheck.Naming(Infra);
        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
    }

    [Fact]
    public void ForbiddenPatterns_AreAbsent()
    {
        var problems = ForbiddenCheck.Run(Infra);
        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
    }

    [Fact]
    public void Azd_ServicesHooksParametersAndTags()
    {
        var problems = AzdCheck.Run(Infra, Repository.Exists);
        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
    }
}
