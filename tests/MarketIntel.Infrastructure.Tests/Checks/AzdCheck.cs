using System.Text.Json;
using System.Text.RegularExpressions;

namespace MarketIntel.Infrastructure.Tests.Checks;

/// <summary>azure.yaml's services and hooks, main.parameters.json against the compiled parameters, and the azd tags every deployment sets.</summary>
public static partial class AzdCheck
{
    public const string ApiProject = "./functions/MarketIntel.Functions";
    public const string DashboardProject = "./functions/MarketIntel.Dashboard";

    /// <summary>A minimal YAML reader for azure.yaml: leaf "path.to.key" → scalar value (mappings only, which is all azure.yaml uses here).</summary>
    public static Dictionary<string, string> YamlLeaves(string yaml)
    {
        var leaves = new Dictionary<string, string>(StringComparer.Ordinal);
        var stack = new List<(int Indent, string Key)>();
        foreach (var raw in yaml.Split('\n'))
        {
            var line = raw.TrimEnd('\r');
            var content = line.TrimStart();
            if (content.Length == 0 || content.StartsWith('#'))
            {
                continue;
            }

            var m = YamlEntry().Match(content);
            if (!m.Success)
            {
                continue;
            }

            var indent = line.Length - content.Length;
            while (stack.Count > 0 && stack[^1].Indent >= indent)
            {
                stack.RemoveAt(stack.Count - 1);
            }

            var key = m.Groups[1].Value;
            var value = m.Groups[2].Value.Trim();
            var path = string.Join('.', stack.Select(s => s.Key).Append(key));
            if (value.Length == 0)
            {
                stack.Add((indent, key));
            }
            else
            {
                leaves[path] = value.Trim('"', '\'');
            }
        }

        return leaves;
    }

    public static List<string> Run(InfraSources infra, Func<string, bool> exists)
    {
        var problems = new List<string>();
        if (!infra.Files.TryGetValue(InfraSources.AzureYaml, out var yaml))
        {
            return [$"{InfraSources.AzureYaml} is missing"];
        }

        var leaves = YamlLeaves(yaml);
        Expect("infra.provider", "bicep");
        Expect("infra.path", "infra");
        Expect("infra.module", "main");
        Expect("services.api.project", ApiProject);
        Expect("services.api.language", "dotnet");
        Expect("services.api.host", "function");
        Expect("services.dashboard.project", DashboardProject);
        Expect("services.dashboard.language", "js");
        Expect("services.dashboard.host", "staticwebapp");
        Expect("services.dashboard.dist", "dist");
        if (!leaves.TryGetValue("services.dashboard.hooks.prebuild.posix.run", out var prebuild) || !prebuild.Contains("npm ci", StringComparison.Ordinal) || !prebuild.Contains("npm run build", StringComparison.Ordinal))
        {
            problems.Add($"{InfraSources.AzureYaml}: the dashboard's prebuild hook must run npm ci and npm run build");
        }

        foreach (var shell in new[] { "posix", "windows" })
        {
            if (!leaves.TryGetValue($"hooks.postprovision.{shell}.run", out var script))
            {
                problems.Add($"{InfraSources.AzureYaml}: no hooks.postprovision.{shell}.run");
            }
            else if (!exists(script.TrimStart('.', '/')))
            {
                problems.Add($"{InfraSources.AzureYaml}: postprovision script {script} does not exist");
            }
        }

        // Where a service's folder exists it must be the kind of project azure.yaml says (the folders arrive from other branches).
        if (exists(ApiProject[2..]) && !exists($"{ApiProject[2..]}/MarketIntel.Functions.csproj"))
        {
            problems.Add($"{ApiProject} exists but has no MarketIntel.Functions.csproj");
        }

        if (exists(DashboardProject[2..]) && !exists($"{DashboardProject[2..]}/package.json"))
        {
            problems.Add($"{DashboardProject} exists but has no package.json");
        }

        if (!infra.Files.TryGetValue(InfraSources.Parameters, out var parametersJson))
        {
            problems.Add($"{InfraSources.Parameters} is missing");
        }
        else
        {
            using var doc = JsonDocument.Parse(parametersJson);
            var parameters = doc.RootElement.GetProperty("parameters");
            foreach (var (name, variable) in new[] { ("environmentName", "${AZURE_ENV_NAME}"), ("location", "${AZURE_LOCATION}"), ("principalId", "${AZURE_PRINCIPAL_ID}") })
            {
                var value = parameters.TryGetProperty(name, out var p) && p.TryGetProperty("value", out var v) ? v.GetString() : null;
                if (value != variable)
                {
                    problems.Add($"{InfraSources.Parameters}: {name} is '{value}', expected '{variable}'");
                }
            }

            var declared = infra.Template.Parameters;
            foreach (var p in parameters.EnumerateObject())
            {
                if (!declared.ContainsKey(p.Name))
                {
                    problems.Add($"{InfraSources.Parameters}: '{p.Name}' is not a parameter of {InfraSources.MainBicep}");
                }
            }

            foreach (var (name, declaration) in declared)
            {
                if (!declaration.ContainsKey("defaultValue") && !parameters.TryGetProperty(name, out _))
                {
                    problems.Add($"{InfraSources.MainBicep}: parameter '{name}' has no default and no value in {InfraSources.Parameters}");
                }
            }
        }

        // azd finds each service's resource by its azd-service-name tag, and the environment's resource group by azd-env-name.
        foreach (var snapshot in infra.Snapshots)
        {
            foreach (var (service, type) in new[] { ("api", "Microsoft.Web/sites"), ("dashboard", "Microsoft.Web/staticSites") })
            {
                var tagged = snapshot.Resources.Where(r => r.Tag("azd-service-name") == service).ToList();
                if (tagged.Count != 1 || !tagged[0].Type.Equals(type, StringComparison.OrdinalIgnoreCase))
                {
                    problems.Add($"{snapshot} deployment: expected one {type} tagged 'azd-service-name': '{service}', found [{string.Join(", ", tagged)}] ({InfraSources.MainBicep})");
                }
            }

            var environmentName = snapshot.Environment.Variables["AZURE_ENV_NAME"];
            foreach (var group in snapshot.OfType("Microsoft.Resources/resourceGroups").Where(g => g.Tag("azd-env-name") != environmentName))
            {
                problems.Add($"{snapshot} deployment: resource group {group.Name} is not tagged 'azd-env-name': '{environmentName}' ({InfraSources.MainBicep})");
            }
        }

        var schema = (string?)infra.Template.Root["$schema"] ?? "";
        if (!schema.Contains("/subscriptionDeploymentTemplate.json", StringComparison.Ordinal))
        {
            problems.Add($"{InfraSources.MainBicep}: targetScope is not 'subscription' (compiled schema {schema})");
        }

        return problems;

        void Expect(string key, string value)
        {
            if (!leaves.TryGetValue(key, out var actual) || actual != value)
            {
                problems.Add($"{InfraSources.AzureYaml}: {key} is '{actual}', expected '{value}'");
            }
        }
    }

    [GeneratedRegex(@"^([A-Za-z0-9_-]+):(.*)$")]
    private static partial Regex YamlEntry();
}
