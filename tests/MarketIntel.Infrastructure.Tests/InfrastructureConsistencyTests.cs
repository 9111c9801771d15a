using MarketIntel.Infrastructure.Tests.Arm;
using MarketIntel.Infrastructure.Tests.Checks;
using Xunit.Abstractions;

namespace MarketIntel.Infrastructure.Tests;

/// <summary>The repository's infra/ (compiled by the Bicep CLI) and azure.yaml against the code, as they are at test time.</summary>
public sealed class InfrastructureConsistencyTests(ITestOutputHelper output)
{
    private static readonly InfraSources Infra = InfraSources.Load();

    [Fact]
    public void Bicep_CompilesAndSnapshotsWithoutDiagnostics()
    {
        Assert.True(Infra.BuildDiagnostics.Count == 0, string.Join(Environment.NewLine, Infra.BuildDiagnostics));
        Assert.All(Infra.Snapshots, s => Assert.Empty(s.Diagnostics));
    }

    [Fact]
    public void CompiledTemplate_WalksIntoEveryModule()
    {
        // Guards the walker: the checks would pass vacuously on a template whose modules they could not see.
        var modules = Infra.Template.Resources.Where(r => r.Type == ArmTemplate.DeploymentType).Select(r => r.Name).ToHashSet(StringComparer.Ordinal);
        Assert.Superset(new HashSet<string> { "identity", "monitoring", "storage", "cosmos", "eventhubs", "durable-task-scheduler", "keyvault", "dashboard", "api" }, modules);
        Assert.Contains(Infra.Template.Resources, r => r.Deployment == "api" && r.Type == "Microsoft.Web/sites/config");
        Assert.Contains(Infra.Template.Resources, r => r.Deployment == "durable-task-scheduler" && r.Type == "Microsoft.DurableTask/schedulers" && r.ApiVersion == "2025-11-01");
    }

    [Fact]
    public void AppSettings_CodeAndBicepAgree()
    {
        var notes = new List<string>();
        var problems = SettingsCheck.Run(Infra, CodeSettings.Load(), notes);
        notes.ForEach(output.WriteLine);
        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
        Assert.Empty(SettingsCheck.HookProblems(Infra));
    }

    [Fact]
    public void AppSettings_ScannerFindsTheKnownKeysInTheCode()
    {
        // Guards the scanner itself: if it stopped finding anything, the agreement test above would pass vacuously.
        var code = CodeSettings.Load();
        foreach (var name in new[] { "Storage__Provider", "CosmosDb__Endpoint", "BlobStorage__ServiceUri", "Ingestion__Polygon__ApiKey", "Api__Owner", "Api__MaxBarsPerRequest", "TASKHUB_NAME", "DURABLE_TASK_SCHEDULER_CONNECTION_STRING" })
        {
            Assert.True(code.Settings.ContainsKey(name), $"the scanner no longer finds {name}");
        }
    }

    [Fact]
    public void CosmosContainers_MatchTheAdapter()
    {
        var problems = CosmosCheck.Run(Infra, Repository.Read(CosmosCheck.AdapterPath));
        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
        Assert.Equal(Core.Storage.StorageContainers.All.Count, CosmosCheck.FromDeployment(Infra.Snapshot(AzdEnvironment.Default), problems).Count);
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
        var assignments = RoleCheck.Assignments(Infra.Snapshot(AzdEnvironment.Default));
        Assert.True(assignments.Count >= 10, "expected the role assignments of every module");
        // Both forms occur: expressions (the identity's principal id is known only in Azure) and evaluated GUIDs (the user's).
        Assert.Contains(assignments, a => a.Principal == RoleCheck.UserPrincipal && Guid.TryParse(a.Resource.Name, out _));
        Assert.Contains(assignments, a => a.Principal == RoleCheck.IdentityPrincipal && a.Resource.Name.StartsWith("[guid(", StringComparison.Ordinal));
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
