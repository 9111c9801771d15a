using System.Text;

namespace MarketIntel.Pipeline.Trading;

/// <summary>
/// The wire names of the trading enums: lower snake case (<c>partially_filled</c>, <c>stop_limit</c>, <c>gtc</c>), as in
/// the replay files, both in responses and in request bodies.
/// </summary>
public static class PaperNames
{
    public static string Of<TEnum>(TEnum value)
        where TEnum : struct, Enum
    {
        var name = value.ToString();
        var sb = new StringBuilder(name.Length + 4);
        for (var i = 0; i < name.Length; i++)
        {
            if (char.IsUpper(name[i]) && i > 0)
            {
                sb.Append('_');
            }

            sb.Append(char.ToLowerInvariant(name[i]));
        }

        return sb.ToString();
    }

    /// <summary>Parses a wire name (exactly as <see cref="Of{TEnum}"/> writes it); false for anything else, numbers included.</summary>
    public static bool TryParse<TEnum>(string? text, out TEnum value)
        where TEnum : struct, Enum
    {
        foreach (var candidate in Enum.GetValues<TEnum>())
        {
            if (string.Equals(Of(candidate), text, StringComparison.Ordinal))
            {
                value = candidate;
                return true;
            }
        }

        value = default;
        return false;
    }

    public static string Choices<TEnum>()
        where TEnum : struct, Enum => string.Join(", ", Enum.GetValues<TEnum>().Select(Of));
}
