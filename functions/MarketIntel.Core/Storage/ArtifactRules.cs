namespace MarketIntel.Core.Storage;

/// <summary>Artifact names every adapter accepts: the same text is a blob name and a relative file path.</summary>
public static class ArtifactRules
{
    public const int MaxNameLength = 1024;

    /// <summary>Throws <see cref="InvalidRecordException"/> unless <paramref name="name"/> is slash-separated segments of letters, digits, '-', '_' and '.'.</summary>
    public static void ValidateName(string name)
    {
        if (string.IsNullOrEmpty(name) || name.Length > MaxNameLength)
        {
            throw new InvalidRecordException($"An artifact name needs 1 to {MaxNameLength} characters.");
        }

        foreach (var segment in name.Split('/'))
        {
            if (segment.Length == 0 || segment is "." or "..")
            {
                throw new InvalidRecordException($"Artifact name '{name}' has an empty, '.' or '..' segment.");
            }

            foreach (var c in segment)
            {
                if (!(char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.'))
                {
                    throw new InvalidRecordException($"Artifact name '{name}' may only hold letters, digits, '-', '_', '.' and '/' separators.");
                }
            }
        }

        if (name.EndsWith(".meta.json", StringComparison.Ordinal))
        {
            throw new InvalidRecordException($"Artifact name '{name}' ends in '.meta.json', which the embedded store keeps for metadata.");
        }
    }
}
