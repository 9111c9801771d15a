using System.Text.Json;
using System.Text.Json.Serialization;

namespace MarketIntel.Pipeline.Workflows;

/// <summary>
/// <see cref="RunStatus"/> as its lowercase (camelCase) name under any serializer options; reading also accepts the
/// capitalized names that run records stored before the status was typed.
/// </summary>
public sealed class RunStatusJsonConverter() : JsonStringEnumConverter<RunStatus>(JsonNamingPolicy.CamelCase, allowIntegerValues: false);
