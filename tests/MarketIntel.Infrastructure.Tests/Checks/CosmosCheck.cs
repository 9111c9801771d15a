using System.Globalization;
using System.Text.RegularExpressions;
using MarketIntel.Core.Storage;
using MarketIntel.Infrastructure.Tests.Bicep;

namespace MarketIntel.Infrastructure.Tests.Checks;

/// <summary>The Cosmos DB containers as the adapter creates them (name, partition key path, default TTL) against the Bicep.</summary>
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

    /// <summary>The <c>containers</c> array of cosmos.bicep, and a check that the container resource loops over it using its fields.</summary>
    public static List<ContainerDefinition> FromBicep(BicepFile cosmos, List<string> problems)
    {
        if (!cosmos.Variables.TryGetValue("containers", out var array) || BicepObject.TryParseArray(array) is not { } elements)
        {
            problems.Add($"{cosmos.Name}: no 'var containers = [ ... ]' array literal");
            return [];
        }

        var resource = cosmos.Resources.FirstOrDefault(r => r.Type.Equals("Microsoft.DocumentDB/databaseAccounts/sqlDatabases/containers", StringComparison.OrdinalIgnoreCase));
        if (resource is null || resource.Loop is null || !Regex.IsMatch(resource.Loop, @"\bin\s+containers$"))
        {
            problems.Add($"{cosmos.Name}: the sqlDatabases/containers resource must loop over 'containers'");
        }
        else
        {
            var body = BicepText.CollapseWhitespace(resource.Body.Get("properties.resource") ?? "");
            foreach (var field in new[] { "container.name", "container.partitionKeyPath", "container.defaultTtl" })
            {
                if (!body.Contains(field, StringComparison.Ordinal))
                {
                    problems.Add($"{cosmos.Name}: the container resource does not use {field}");
                }
            }
        }

        var result = new List<ContainerDefinition>();
        foreach (var element in elements)
        {
            var obj = BicepObject.TryParse(element);
            var name = obj?["name"] is { } n ? BicepText.StringLiteral(n) : null;
            var path = obj?["partitionKeyPath"] is { } p ? BicepText.StringLiteral(p) : null;
            var ttlText = obj?["defaultTtl"];
            if (name is null || path is null || ttlText is null)
            {
                problems.Add($"{cosmos.Name}: container entry without literal name, partitionKeyPath and defaultTtl: {element}");
                continue;
            }

            int? ttl = ttlText == "null" ? null
                : int.TryParse(ttlText, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var t) ? t
                : throw new FormatException($"{cosmos.Name}: defaultTtl '{ttlText}' of {name} is not a number or null");
            result.Add(new ContainerDefinition(name, path, ttl));
        }

        return result;
    }

    public static List<string> Run(InfraSources infra, string adapterSource)
    {
        var problems = new List<string>();
        var expected = FromCode(adapterSource);
        var declared = FromBicep(infra.File(InfraSources.CosmosBicep), problems);
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

        return problems;

        static string Ttl(int? ttl) => ttl?.ToString(CultureInfo.InvariantCulture) ?? "off";
    }

    [GeneratedRegex(@"new\s+ContainerProperties\(\s*name\s*,\s*""([^""]+)""\s*\)")]
    private static partial Regex PartitionKeyInCode();

    [GeneratedRegex(@"DefaultTimeToLive\s*=\s*ContainersWithTimeToLive\.Contains\(\s*name\s*\)\s*\?\s*(-?\d+)\s*:\s*null")]
    private static partial Regex TtlInCode();
}
