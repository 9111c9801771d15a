using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace MarketIntel.Storage.Documents;

/// <summary>
/// Writes decimals as JSON strings: Cosmos DB keeps numbers as IEEE doubles, which would round a decimal's 28
/// digits; as text they round-trip exactly in every adapter. Reads both strings and numbers.
/// </summary>
public sealed class DecimalAsStringConverter : JsonConverter<decimal>
{
    public override decimal Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => reader.TokenType == JsonTokenType.String
        ? decimal.Parse(reader.GetString()!, NumberStyles.Number | NumberStyles.AllowExponent, CultureInfo.InvariantCulture)
        : reader.GetDecimal();

    public override void Write(Utf8JsonWriter writer, decimal value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value.ToString(CultureInfo.InvariantCulture));
}
