using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using MarketIntel.Core.Storage;
using MarketIntel.Infrastructure.Tests.Arm;

namespace MarketIntel.Infrastructure.Tests.Checks;

/// <summary>The Cosmos DB containers as the adapter creates them (name, partition key path, default TTL) against those every deployment creates.</summary>
public static partial class CosmosCheck
{
    public const string AdapterPath = "functions/MarketIntel.Storage/Cosmos/CosmosStorage.cs";

    /// <summary>One container definition; <see cref="DefaultTtl"/> null means TTL off.</summary>
    public sealed record ContainerDefinition(string Name, string PartitionKeyPath, int? DefaultTtl);

    /// <summary>
    /// What the adapter creates: the names from <see cref="StorageContainers.All"/>, TTL where a <see cref="RecordKinds"/>
    /// kind of the container expires, and the partition key path and TTL value read from CosmosStorage.Definition's text.
    /// </summary>
    public static List<ContainerDefinition> FromCode(string adapterSource)
    {
        var pk = PartitionKeyInCode().Match(adapterSource);
        if (!pk.Success)
        {
            throw new InvalidOperationException($"{AdapterPath}: 'new ContainerProperties(name, \"/...\")' not found; update CosmosCheck to the adapter's new shape");
        }

        var ttl = TtlInCode().Match(adapterSource);
        if (!ttl.Success)
        {
            throw new InvalidOperationException($"{AdapterPath}: 'DefaultTimeToLive = ContainersWithTimeToLive.Contains(name) ? <n> : null' not found; update CosmosCheck to the adapter's new shape");
        }

        var ttlValue = int.Parse(ttl.Groups[1].Value, CultureInfo.InvariantCulture);
        var expiring = RecordKinds.All.Where(k => k.TimeToLive is not null).Select(k => k.Container).ToHashSet(StringComparer.Ordinal);
        return StorageContainers.All
            .Select(name => new ContainerDefinition(name, pk.Groups[1].Value, expiring.Contains(name) ? ttlValue : null))
            .ToList();
    }

    /// <summary>The containers a deployment creates (the snapshot's evaluated <c>sqlDatabases/containers</c> resources).</summary>
    public static List<ContainerDefinition> FromDeployment(DeploymentSnapshot snapshot, List<string> problems)
    {
        var result = new List<ContainerDefinition>();
        foreach (var r in snapshot.OfType("Microsoft.DocumentDB/databaseAccounts/sqlDatabases/containers"))
        {
            var resource = r.Properties["resource"] as JsonObject;
            var name = (string?)resource?["id"];
            var paths = resource?["partitionKey"]?["paths"] as JsonArray;
            if (name is null || paths is not { Count: 1 } || (string?)paths[0] is not { } path)
            {
                problems.Add($"{snapshot} deployment: container {r.Name} without an id and exactly one partition key path");
                continue;
            }

            var ttl = resource!["defaultTtl"] is JsonValue v ? v.GetValue<int>() : (int?)null;
            result.Add(new ContainerDefinition(name, path, ttl));
        }

        return result;
    }

    public static List<string> Run(InfraSources infra, string adapterSource)
    {
        var problems = new List<string>();
        var expected = FromCode(adapterSource);
        // Only the deployments that keep results in Cosmos DB have an account; ResultsStoreCheck covers the others.
        foreach (var snapshot in infra.Snapshots.Where(s => s.AppSettings.GetValueOrDefault("Storage__Provider") == "Azure"))
        {
            Compare(expected, FromDeployment(snapshot, problems), problems);
        }

        return problems.Distinct().ToList();
    }

    private static void Compare(List<ContainerDefinition> expected, List<ContainerDefinition> declared, List<string> problems)
    {
        foreach (var want in expected)
        {
            var have = declared.FirstOrDefault(d => d.Name == want.Name);
            if (have is null)
            {
                problems.Add($"container '{want.Name}' (the adapter uses it) is not declared in {InfraSources.CosmosBicep}");
            }
            else if (have != want)
            {
                problems.Add($"container '{want.Name}': adapter has partition key {want.PartitionKeyPath} and TTL {Ttl(want.DefaultTtl)}, Bicep has {have.PartitionKeyPath} and TTL {Ttl(have.DefaultTtl)}");
            }
        }

        foreach (var extra in declared.Where(d => expected.All(e => e.Name != d.Name)))
        {
            problems.Add($"{InfraSources.CosmosBicep} declares container '{extra.Name}', which the adapter does not use");
        }

        foreach (var duplicate in declared.GroupBy(d => d.Name).Where(g => g.Count() > 1))
        {
            problems.Add($"{InfraSources.CosmosBicep} declares container '{duplicate.Key}' {duplicate.Count()} times");
        }

        static string Ttl(int? ttl) => ttl?.ToString(CultureInfo.InvariantCulture) ?? "off";
    }

    [GeneratedRegex(@"new\s+ContainerProperties\(\s*name\s*,\s*""([^""]+)""\s*\)")]
    private static partial Regex PartitionKeyInCode();

    [GeneratedRegex(@"DefaultTimeToLive\s*=\s*ContainersWithTimeToLive\.Contains\(\s*name\s*\)\s*\?\s*(-?\d+)\s*:\s*null")]
    private static partial Regex TtlInCode();
}
