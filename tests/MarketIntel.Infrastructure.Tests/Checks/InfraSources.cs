using MarketIntel.Infrastructure.Tests.Bicep;

namespace MarketIntel.Infrastructure.Tests.Checks;

/// <summary>
/// The infrastructure as text: every file under infra/ plus azure.yaml, by repository-relative path. Checks take this
/// rather than reading the disk, so that a test can hand them a mutated copy.
/// </summary>
public sealed class InfraSources
{
    public const string MainBicep = "infra/main.bicep";
    public const string FunctionBicep = "infra/app/function.bicep";
    public const string CosmosBicep = "infra/app/cosmos.bicep";
    public const string Parameters = "infra/main.parameters.json";
    public const string AzureYaml = "azure.yaml";

    public InfraSources(IReadOnlyDictionary<string, string> files)
    {
        Files = files;
        Bicep = files.Where(f => f.Key.EndsWith(".bicep", StringComparison.Ordinal))
            .ToDictionary(f => f.Key, f => BicepFile.Parse(f.Key, f.Value), StringComparer.Ordinal);
    }

    public IReadOnlyDictionary<string, string> Files { get; }

    public IReadOnlyDictionary<string, BicepFile> Bicep { get; }

    public IEnumerable<BicepResource> Resources => Bicep.Values.SelectMany(b => b.Resources);

    public static InfraSources Load()
    {
        var files = Repository.Files("infra", "*").ToDictionary(f => f, Repository.Read, StringComparer.Ordinal);
        if (Repository.Exists(AzureYaml))
        {
            files[AzureYaml] = Repository.Read(AzureYaml);
        }

        return new InfraSources(files);
    }

    /// <summary>A copy with one file's text replaced (the mutation tests).</summary>
    public InfraSources With(string path, Func<string, string> change)
    {
        var files = new Dictionary<string, string>(Files, StringComparer.Ordinal);
        files[path] = change(files[path]);
        return new InfraSources(files);
    }

    public BicepFile File(string path) =>
        Bicep.TryGetValue(path, out var file) ? file : throw new InvalidOperationException($"{path} is missing");
}
