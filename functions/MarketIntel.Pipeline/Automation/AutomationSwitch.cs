namespace MarketIntel.Pipeline.Automation;

/// <summary>
/// The body of <c>PUT /api/automation/{account}/{strategy}</c>: switch on or off, the daily cap (default 5), and the
/// broker connection the orders also go to (none: paper only).
/// </summary>
public sealed record AutomationSwitch(bool? Enabled, int? DailyCap = null, string? Connection = null);
