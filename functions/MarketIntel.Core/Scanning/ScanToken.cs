namespace MarketIntel.Core.Scanning;

/// <summary>One token: its class, its text as written and its 1-based column in the rule.</summary>
public readonly record struct ScanToken(ScanTokenKind Kind, string Text, int Column)
{
    public string Describe() => Kind == ScanTokenKind.End ? "end of rule" : $"'{Text}'";
}
