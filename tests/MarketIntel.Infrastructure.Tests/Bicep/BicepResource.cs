namespace MarketIntel.Infrastructure.Tests.Bicep;

/// <summary>One <c>resource</c> declaration: symbol, type, API version, optional loop and condition, and its body.</summary>
public sealed record BicepResource(
    string File,
    string Symbol,
    string Type,
    string ApiVersion,
    bool Existing,
    string? Loop,
    string? Condition,
    BicepObject Body)
{
    /// <summary>The resource this one is scoped to: its <c>scope:</c>, else its <c>parent:</c>.</summary>
    public string? ScopeSymbol => Body["scope"] ?? Body["parent"];

    public bool IsRoleAssignment =>
        Type.Equals("Microsoft.Authorization/roleAssignments", StringComparison.OrdinalIgnoreCase)
        || Type.EndsWith("/sqlRoleAssignments", StringComparison.OrdinalIgnoreCase);

    public override string ToString() => $"{File}: resource {Symbol} '{Type}@{ApiVersion}'";
}
