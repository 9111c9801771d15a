using System.Text.Json;

namespace MarketIntel.Ingestion.Providers;

/// <summary>Reads the common JSON error shapes (<c>{"code": .., "message": ..}</c> and relatives) into one line of text.</summary>
internal static class ErrorBodies
{
    public static string Describe(ReadOnlyMemory<byte> body, params string[] messageFields)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            Json.ThrowIfInvalidEscapes(body.Span);
            var root = document.RootElement;
            if (root.ValueKind == JsonValueKind.Object)
            {
                foreach (var field in messageFields)
                {
                    if (root.TryGetProperty(field, out var message) && message.ValueKind == JsonValueKind.String)
                    {
                        return root.TryGetProperty("code", out var code) ? $"code {code.GetRawText()}: {message.GetString()}" : message.GetString()!;
                    }
                }
            }
        }
        catch (JsonException)
        {
            // Not JSON (a proxy's HTML page): quote it below.
        }

        return Json.Excerpt(body.Span);
    }
}
