using System.Text.RegularExpressions;

namespace MarketIntel.Infrastructure.Tests.Bicep;

/// <summary>
/// A Bicep file read as text: its params, vars, resources, modules and outputs with their value texts. Declarations
/// must start a line (as the formatter writes them); a value runs to the end of its line, or to the bracket closing one
/// opened on it.
/// </summary>
public sealed partial class BicepFile
{
    private BicepFile(string name, string source)
    {
        Name = name;
        Source = source;
        Text = BicepText.StripComments(source);
        foreach (Match m in DeclarationPattern().Matches(Text))
        {
            var keyword = m.Groups[1].Value;
            var symbol = m.Groups[2].Value;
            var rest = Text.AsSpan(m.Index + m.Length);
            var restStart = m.Index + m.Length;
            switch (keyword)
            {
                case "param":
                {
                    var line = ValueExtent(restStart);
                    var eq = TopLevelEquals(line);
                    Params[symbol] = eq < 0 ? null : line[(eq + 1)..].Trim();
                    break;
                }

                case "var":
                case "output":
                {
                    var line = ValueExtent(restStart);
                    var eq = TopLevelEquals(line);
                    if (eq >= 0)
                    {
                        (keyword == "var" ? Variables : Outputs)[symbol] = line[(eq + 1)..].Trim();
                    }

                    break;
                }

                case "resource":
                {
                    var header = ResourceHeaderPattern().Match(rest.ToString());
                    if (!header.Success)
                    {
                        throw new FormatException($"{name}: cannot read the declaration of resource {symbol}");
                    }

                    var value = ValueExtent(restStart + header.Length);
                    var (loop, condition, body) = SplitValue(value, symbol);
                    Resources.Add(new BicepResource(name, symbol, header.Groups[1].Value, header.Groups[2].Value,
                        header.Groups[3].Success, loop, condition, body));
                    break;
                }

                case "module":
                {
                    var header = ModuleHeaderPattern().Match(rest.ToString());
                    if (!header.Success)
                    {
                        throw new FormatException($"{name}: cannot read the declaration of module {symbol}");
                    }

                    var value = ValueExtent(restStart + header.Length);
                    var (_, condition, body) = SplitValue(value, symbol);
                    Modules.Add(new BicepModule(name, symbol, header.Groups[1].Value, condition, body));
                    break;
                }
            }
        }
    }

    /// <summary>File name relative to the repository (for messages).</summary>
    public string Name { get; }

    /// <summary>The file as written.</summary>
    public string Source { get; }

    /// <summary>The file without comments.</summary>
    public string Text { get; }

    /// <summary>Parameter → default value text (null without a default).</summary>
    public Dictionary<string, string?> Params { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, string> Variables { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, string> Outputs { get; } = new(StringComparer.Ordinal);

    public List<BicepResource> Resources { get; } = [];

    public List<BicepModule> Modules { get; } = [];

    public static BicepFile Parse(string name, string source) => new(name, source);

    /// <summary>
    /// Keys of the object literals an expression is built from: the expression itself if it is an object literal,
    /// plus every variable of this file it names (recursively), e.g. <c>union(hostSettings, cond ? a : b)</c>.
    /// </summary>
    public List<KeyValuePair<string, string>> ObjectPropertiesOf(string expression)
    {
        var result = new List<KeyValuePair<string, string>>();
        Collect(expression, new HashSet<string>(StringComparer.Ordinal));
        return result;

        void Collect(string expr, HashSet<string> seen)
        {
            if (BicepObject.TryParse(expr) is { } obj)
            {
                result.AddRange(obj.Properties);
                return;
            }

            foreach (Match id in IdentifierPattern().Matches(WithoutStrings(expr)))
            {
                if (Variables.TryGetValue(id.Value, out var value) && seen.Add(id.Value))
                {
                    Collect(value, seen);
                }
            }
        }
    }

    /// <summary>GUIDs an expression names: literal ones, and those of the variables it uses (role definition ids).</summary>
    public HashSet<string> GuidsOf(string expression)
    {
        var guids = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (Match g in GuidPattern().Matches(expression))
        {
            guids.Add(g.Value);
        }

        foreach (Match id in IdentifierPattern().Matches(expression))
        {
            if (Variables.TryGetValue(id.Value, out var value))
            {
                foreach (Match g in GuidPattern().Matches(value))
                {
                    guids.Add(g.Value);
                }
            }
        }

        return guids;
    }

    /// <summary>The expression with string literals blanked (identifiers inside <c>${}</c> are lost, which is fine for our uses).</summary>
    public static string WithoutStrings(string expression)
    {
        var output = new System.Text.StringBuilder();
        var i = 0;
        while (i < expression.Length)
        {
            if (expression[i] == '\'')
            {
                i = BicepText.SkipString(expression, i);
                output.Append("''");
                continue;
            }

            output.Append(expression[i]);
            i++;
        }

        return output.ToString();
    }

    private string ValueExtent(int start)
    {
        var i = start;
        while (i < Text.Length && Text[i] != '\n')
        {
            var c = Text[i];
            if (c == '\'')
            {
                i = BicepText.SkipString(Text, i);
            }
            else if (c is '{' or '[' or '(')
            {
                i = BicepText.MatchingClose(Text, i) + 1;
            }
            else
            {
                i++;
            }
        }

        return Text[start..i];
    }

    // The declaration's '=' stands alone; '==', '!=', '<=', '>=' are comparisons inside a default expression.
    private static int TopLevelEquals(string line) =>
        BicepText.OutsideStrings(line)
            .Where(x => x.Char == '=' && x.Depth == 0
                && (x.Index + 1 >= line.Length || line[x.Index + 1] != '=')
                && (x.Index == 0 || line[x.Index - 1] is not ('=' or '!' or '<' or '>')))
            .Select(x => x.Index)
            .DefaultIfEmpty(-1)
            .First();

    private (string? Loop, string? Condition, BicepObject Body) SplitValue(string value, string symbol)
    {
        var v = value.Trim();
        string? loop = null;
        if (v.StartsWith('['))
        {
            // [for x in y: <body or if (c) body>]
            var colon = BicepText.TopLevelColon(v[1..^1]);
            loop = v[1..(colon + 1)].Trim();
            v = v[(colon + 2)..^1].Trim();
        }

        string? condition = null;
        if (v.StartsWith("if", StringComparison.Ordinal))
        {
            var open = v.IndexOf('(', StringComparison.Ordinal);
            var close = BicepText.MatchingClose(v, open);
            condition = v[(open + 1)..close].Trim();
            v = v[(close + 1)..].Trim();
        }

        var body = BicepObject.TryParse(v) ?? throw new FormatException($"{Name}: the body of {symbol} is not an object literal");
        return (loop, condition, body);
    }

    [GeneratedRegex(@"^[ \t]*(param|var|resource|module|output)[ \t]+([A-Za-z_][A-Za-z0-9_]*)", RegexOptions.Multiline)]
    private static partial Regex DeclarationPattern();

    [GeneratedRegex(@"^\s*'([^'@]+)@([^']+)'\s*(existing\s*)?=")]
    private static partial Regex ResourceHeaderPattern();

    [GeneratedRegex(@"^\s*'([^']+)'\s*=")]
    private static partial Regex ModuleHeaderPattern();

    [GeneratedRegex(@"[A-Za-z_][A-Za-z0-9_]*")]
    private static partial Regex IdentifierPattern();

    [GeneratedRegex(@"[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}")]
    private static partial Regex GuidPattern();
}
