using System.Text.Json.Nodes;
using MarketIntel.Infrastructure.Tests.Arm;

namespace MarketIntel.Infrastructure.Tests.Checks;

/// <summary>
/// The infrastructure as the checks see it: the files under infra/ plus azure.yaml (text), main.bicep compiled to ARM
/// JSON by the Bicep CLI, and one <c>bicep snapshot</c> per azd environment (what that environment would deploy).
/// Checks take this rather than reading the disk, so that a test can hand them a mutated copy: of a file, of the
/// compiled template, of a snapshot, or of a Bicep file recompiled.
/// </summary>
public sealed class InfraSources
{
    public const string MainBicep = "infra/main.bicep";
    public const string FunctionBicep = "infra/app/function.bicep";
    public const string CosmosBicep = "infra/app/cosmos.bicep";
    public const string Parameters = "infra/main.parameters.json";
    public const string AzureYaml = "azure.yaml";

    private static readonly Lazy<InfraSources> Repository = new(() =>
        Task.Run(() => CompileAsync(ReadFiles())).GetAwaiter().GetResult());

    private InfraSources(IReadOnlyDictionary<string, string> files, ArmTemplate template, IReadOnlyList<string> buildDiagnostics, IReadOnlyList<DeploymentSnapshot> snapshots)
    {
        Files = files;
        Template = template;
        BuildDiagnostics = buildDiagnostics;
        Snapshots = snapshots;
    }

    public IReadOnlyDictionary<string, string> Files { get; }

    /// <summary><c>bicep build infra/main.bicep</c>.</summary>
    public ArmTemplate Template { get; }

    /// <summary>Every warning and error <c>bicep build</c> printed (its linter included); expected empty.</summary>
    public IReadOnlyList<string> BuildDiagnostics { get; }

    /// <summary>One per <see cref="AzdEnvironment.All"/>.</summary>
    public IReadOnlyList<DeploymentSnapshot> Snapshots { get; }

    public DeploymentSnapshot Snapshot(AzdEnvironment environment) =>
        Snapshots.Single(s => s.Environment == environment);

    /// <summary>The repository's infrastructure, compiled once per test run.</summary>
    public static InfraSources Load() => Repository.Value;

    /// <summary>Compiles <paramref name="files"/> (repository-relative paths; those under infra/) in a scratch directory.</summary>
    public static async Task<InfraSources> CompileAsync(IReadOnlyDictionary<string, string> files, bool snapshot = true)
    {
        var scratch = Directory.CreateTempSubdirectory("marketintel-bicep-");
        try
        {
            foreach (var (path, text) in files.Where(f => f.Key.StartsWith("infra/", StringComparison.Ordinal)))
            {
                var target = Path.Combine(scratch.FullName, path);
                Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                await File.WriteAllTextAsync(target, text);
            }

            var build = await BicepCli.RunAsync(scratch.FullName, "build", MainBicep, "--stdout");
            var diagnostics = Lines(build.StandardError);
            if (build.ExitCode != 0)
            {
                throw new InvalidOperationException($"bicep build {MainBicep} failed ({build.ExitCode}):\n{build.StandardError}");
            }

            var template = ArmTemplate.Parse(build.StandardOutput);
            Directory.CreateDirectory(Path.Combine(scratch.FullName, "params"));
            var snapshots = snapshot ? await Task.WhenAll(AzdEnvironment.All.Select(e => SnapshotAsync(scratch.FullName, e, files[Parameters], template))) : [];
            return new InfraSources(files, template, diagnostics, snapshots);
        }
        finally
        {
            scratch.Delete(recursive: true);
        }
    }

    /// <summary>A copy with one file's text replaced, not recompiled (azure.yaml, hooks, main.parameters.json).</summary>
    public InfraSources With(string path, Func<string, string> change)
    {
        var files = new Dictionary<string, string>(Files, StringComparer.Ordinal) { [path] = change(Files[path]) };
        return new InfraSources(files, Template, BuildDiagnostics, Snapshots);
    }

    /// <summary>A copy with one file's text replaced and compiled again (and snapshot again unless <paramref name="snapshot"/> is false).</summary>
    public Task<InfraSources> RecompiledWith(string path, Func<string, string> change, bool snapshot = true) =>
        CompileAsync(new Dictionary<string, string>(Files, StringComparer.Ordinal) { [path] = change(Files[path]) }, snapshot);

    /// <summary>A copy whose compiled template is changed by <paramref name="change"/>.</summary>
    public InfraSources WithTemplate(Action<JsonObject> change)
    {
        var template = Template.Clone();
        change(template.Root);
        return new InfraSources(Files, template, BuildDiagnostics, Snapshots);
    }

    /// <summary>A copy whose snapshot of <paramref name="environment"/> is changed by <paramref name="change"/>.</summary>
    public InfraSources WithSnapshot(AzdEnvironment environment, Action<JsonObject> change)
    {
        var snapshots = Snapshots.Select(s =>
        {
            if (s.Environment != environment)
            {
                return s;
            }

            var copy = s.Clone();
            change(copy.Root);
            return copy;
        }).ToList();
        return new InfraSources(Files, Template, BuildDiagnostics, snapshots);
    }

    private static async Task<DeploymentSnapshot> SnapshotAsync(string scratch, AzdEnvironment environment, string parametersJson, ArmTemplate template)
    {
        var file = $"params/{environment.Name}.bicepparam";
        await File.WriteAllTextAsync(Path.Combine(scratch, file), environment.BicepParameters(parametersJson, template, "../" + MainBicep));
        var run = await BicepCli.RunAsync(scratch, "snapshot", file, "--mode", "overwrite",
            "--subscription-id", "00000000-0000-0000-0000-0000000000aa", "--tenant-id", "00000000-0000-0000-0000-0000000000bb",
            "--location", AzdEnvironment.Location, "--deployment-name", "azd-" + environment.Name);
        var output = Path.Combine(scratch, $"params/{environment.Name}.snapshot.json");
        if (run.ExitCode != 0 || !File.Exists(output))
        {
            throw new InvalidOperationException($"bicep snapshot for the '{environment.Name}' environment failed ({run.ExitCode}):\n{run.StandardOutput}{run.StandardError}");
        }

        return new DeploymentSnapshot(environment, JsonNode.Parse(await File.ReadAllTextAsync(output))!.AsObject());
    }

    private static Dictionary<string, string> ReadFiles()
    {
        var files = MarketIntel.Infrastructure.Tests.Repository.Files("infra", "*")
            .ToDictionary(f => f, MarketIntel.Infrastructure.Tests.Repository.Read, StringComparer.Ordinal);
        if (MarketIntel.Infrastructure.Tests.Repository.Exists(AzureYaml))
        {
            files[AzureYaml] = MarketIntel.Infrastructure.Tests.Repository.Read(AzureYaml);
        }

        return files;
    }

    private static List<string> Lines(string text) =>
        text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();
}
