using System.Text.Json;
using System.Text.RegularExpressions;

namespace MarketIntel.Infrastructure.Tests.Checks;

/// <summary>
/// The app settings the code reads, found in the sources at test time (the Functions app and the sample settings are
/// written in parallel with the infrastructure, so nothing here is a copy):
/// <list type="bullet">
/// <item>the constants of every nested <c>Keys</c> class (StorageSettings.Keys, IngestionSettings.Keys, PipelineSettings.Keys ...);</item>
/// <item>configuration keys written as constants or arguments elsewhere: <c>"Section:Key"</c> string literals (PascalCase segments);</item>
/// <item><c>configuration["Name"]</c>, <c>GetValue("Name", ...)</c> and <c>Environment.GetEnvironmentVariable("Name")</c>;</item>
/// <item>options bound from a section (<c>GetSection("Api").Get&lt;ApiOptions&gt;()</c> or <c>Configure&lt;ApiOptions&gt;(GetSection("Api"))</c>): the record's init/set properties;</item>
/// <item><c>%Name%</c> binding expressions (timer schedules, hub names) in C# and in the host.json files (host.json, host.scheduler.json), and their <c>connectionStringName</c>/<c>connectionName</c>;</item>
/// <item>trigger <c>Connection = "Prefix"</c> (identity-based connections are settings named <c>Prefix__...</c>);</item>
/// <item>the <c>Values</c> of local.settings.sample.json.</item>
/// </list>
/// Names are returned in app-setting form (<c>:</c> written <c>__</c>).
/// </summary>
public sealed partial class CodeSettings
{
    public CodeSettings(IReadOnlyDictionary<string, string> files)
    {
        var optionTypes = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (path, text) in files)
        {
            if (path.EndsWith(".cs", StringComparison.Ordinal))
            {
                foreach (Match m in TypeDeclaration().Matches(text))
                {
                    optionTypes[m.Groups[1].Value] = BodyFrom(text, m.Index + m.Length - 1);
                }
            }
        }

        foreach (var (path, text) in files)
        {
            if (path.EndsWith(".cs", StringComparison.Ordinal))
            {
                ScanCSharp(path, text, optionTypes);
            }
            else if (IsHostJson(path))
            {
                foreach (Match m in Percent().Matches(text))
                {
                    Add(m.Groups[1].Value, path);
                }

                foreach (Match m in HostConnectionName().Matches(text))
                {
                    Add(m.Groups[1].Value, path);
                }
            }
            else if (path.EndsWith("local.settings.sample.json", StringComparison.Ordinal))
            {
                using var doc = JsonDocument.Parse(text, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
                if (doc.RootElement.TryGetProperty("Values", out var values))
                {
                    foreach (var property in values.EnumerateObject())
                    {
                        SampleSettings.Add(property.Name);
                        Add(property.Name, path);
                    }
                }
            }
        }
    }

    /// <summary>Setting name (app-setting form) → where it was found.</summary>
    public SortedDictionary<string, SortedSet<string>> Settings { get; } = new(StringComparer.Ordinal);

    /// <summary>Prefixes of identity-based connections named by triggers (<c>Connection = "TicksEventHub"</c>).</summary>
    public SortedSet<string> ConnectionPrefixes { get; } = new(StringComparer.Ordinal);

    /// <summary>The names in local.settings.sample.json.</summary>
    public SortedSet<string> SampleSettings { get; } = new(StringComparer.Ordinal);

    /// <summary>The host.json files: host.json and its variants (host.scheduler.json, the scheduler build's host.json).</summary>
    public static readonly IReadOnlyList<string> HostJsonFiles = ["host.json", "host.scheduler.json"];

    /// <summary>The sources: every .cs file under functions/, the host.json files and local.settings.sample.json files.</summary>
    public static CodeSettings Load()
    {
        var paths = Repository.Files("functions", "*.cs")
            .Concat(Repository.Files("functions", "host.json"))
            .Concat(Repository.Files("functions", "local.settings.sample.json"))
            .Concat(HostJsonFiles.Append("local.settings.sample.json").Where(Repository.Exists));
        return new CodeSettings(paths.Distinct().ToDictionary(p => p, Repository.Read, StringComparer.Ordinal));
    }

    /// <summary>A configuration key in app-setting form.</summary>
    public static string AppSettingName(string configurationKey) => configurationKey.Replace(":", "__", StringComparison.Ordinal);

    private static bool IsHostJson(string path)
    {
        var name = path[(path.LastIndexOf('/') + 1)..];
        return name.StartsWith("host.", StringComparison.Ordinal) && name.EndsWith(".json", StringComparison.Ordinal);
    }

    private void ScanCSharp(string path, string text, Dictionary<string, string> optionTypes)
    {
        foreach (Match m in SectionKeyLiteral().Matches(text))
        {
            Add(m.Groups[1].Value, path);
        }

        // Every constant of a nested `Keys` class (StorageSettings.Keys, PipelineSettings.Keys ...), colon or not.
        foreach (Match keys in KeysClass().Matches(text))
        {
            foreach (Match m in StringConstant().Matches(BodyFrom(text, keys.Index + keys.Length - 1)))
            {
                Add(m.Groups[1].Value, path);
            }
        }

        foreach (Match m in IndexerOrGetValue().Matches(text))
        {
            Add(m.Groups[1].Value, path);
        }

        foreach (Match m in Percent().Matches(text))
        {
            Add(m.Groups[1].Value, path);
        }

        foreach (Match m in TriggerConnection().Matches(text))
        {
            ConnectionPrefixes.Add(m.Groups[1].Value);
        }

        foreach (Match m in SectionBinding().Matches(text))
        {
            var section = m.Groups["section"].Value;
            var type = m.Groups["type"].Value;
            if (!optionTypes.TryGetValue(type, out var body))
            {
                throw new InvalidOperationException($"{path}: section '{section}' is bound to {type}, whose declaration is not under functions/");
            }

            foreach (Match p in SettableProperty().Matches(body))
            {
                Add($"{section}:{p.Groups[1].Value}", $"{path} ({type})");
            }
        }
    }

    private void Add(string key, string source)
    {
        var name = AppSettingName(key);
        if (!Settings.TryGetValue(name, out var sources))
        {
            Settings[name] = sources = new SortedSet<string>(StringComparer.Ordinal);
        }

        sources.Add(source);
    }

    private static string BodyFrom(string text, int open)
    {
        var depth = 0;
        for (var i = open; i < text.Length; i++)
        {
            if (text[i] == '{')
            {
                depth++;
            }
            else if (text[i] == '}' && --depth == 0)
            {
                return text[open..(i + 1)];
            }
        }

        return text[open..];
    }

    // "Storage:Provider", "Ingestion:Alpaca:KeyId": PascalCase segments joined by ':' and nothing else in the literal.
    [GeneratedRegex(@"""([A-Z][A-Za-z0-9]*(?::[A-Z][A-Za-z0-9]*)+)""")]
    private static partial Regex SectionKeyLiteral();

    [GeneratedRegex(@"(?:[Cc]onfiguration\s*\[\s*|GetValue(?:<[^>]+>)?\(\s*|GetEnvironmentVariable\(\s*)""([A-Za-z_][A-Za-z0-9_:]*)""")]
    private static partial Regex IndexerOrGetValue();

    [GeneratedRegex(@"\bclass\s+Keys\s*\{")]
    private static partial Regex KeysClass();

    [GeneratedRegex(@"\bconst\s+string\s+[A-Za-z_][A-Za-z0-9_]*\s*=\s*""([A-Za-z_][A-Za-z0-9_:]*)""")]
    private static partial Regex StringConstant();

    [GeneratedRegex(@"%([A-Za-z_][A-Za-z0-9_]*)%")]
    private static partial Regex Percent();

    [GeneratedRegex(@"""connection(?:String)?Name""\s*:\s*""([A-Za-z_][A-Za-z0-9_]*)""", RegexOptions.IgnoreCase)]
    private static partial Regex HostConnectionName();

    [GeneratedRegex(@"\bConnection\s*=\s*""([A-Za-z_][A-Za-z0-9_]*)""")]
    private static partial Regex TriggerConnection();

    // GetSection("Api").Get<ApiOptions>() or Configure<ApiOptions>(configuration.GetSection("Api")).
    [GeneratedRegex(@"GetSection\(\s*""(?<section>[A-Za-z][A-Za-z0-9]*)""\s*\)\s*\.\s*Get<\s*(?<type>[A-Za-z_][A-Za-z0-9_]*)\s*>|Configure<\s*(?<type>[A-Za-z_][A-Za-z0-9_]*)\s*>\(\s*[A-Za-z_.]*GetSection\(\s*""(?<section>[A-Za-z][A-Za-z0-9]*)""")]
    private static partial Regex SectionBinding();

    [GeneratedRegex(@"\b(?:record|class)\s+([A-Za-z_][A-Za-z0-9_]*)[^{;]*\{")]
    private static partial Regex TypeDeclaration();

    [GeneratedRegex(@"public\s+[A-Za-z0-9_<>?,\[\]\s]+?\s+([A-Z][A-Za-z0-9_]*)\s*\{\s*get;\s*(?:init|set);")]
    private static partial Regex SettableProperty();
}
