namespace MarketIntel.Infrastructure.Tests.Bicep;

/// <summary>One <c>module</c> declaration: symbol, the module file path, optional condition, and its body.</summary>
public sealed record BicepModule(string File, string Symbol, string Path, string? Condition, BicepObject Body)
{
    public BicepObject? Params => Body["params"] is { } p ? BicepObject.TryParse(p) : null;
}
