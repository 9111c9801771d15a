using System.Text.Json;

namespace MarketIntel.Api;

/// <summary>A Monte Carlo run: its status (running, completed, failed), its inputs and, once completed, the report.</summary>
public sealed record MonteCarloStatus(string Id, string Status, DateTimeOffset CreatedAt, string CodeVersion, JsonElement Inputs, JsonElement? Report);
