namespace MarketIntel.Storage.Tests.Emulators;

/// <summary>Azurite with <c>--location</c> saves its in-memory database to that folder every few seconds, not on each write.</summary>
public static class AzuritePersistence
{
    /// <summary>Waits until Azurite's table database file exists and has not changed for a moment.</summary>
    public static async Task WaitForPersistedAsync(string location)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        long lastLength = -1;
        var stableSince = DateTime.UtcNow;
        while (DateTime.UtcNow < deadline)
        {
            var length = Directory.EnumerateFiles(location, "*", SearchOption.AllDirectories).Sum(f => new FileInfo(f).Length);
            if (length != lastLength)
            {
                lastLength = length;
                stableSince = DateTime.UtcNow;
            }
            else if (length > 0 && DateTime.UtcNow - stableSince > TimeSpan.FromSeconds(6))
            {
                return;
            }

            await Task.Delay(250);
        }

        throw new TimeoutException($"Azurite wrote nothing under {location} within 30 s.");
    }
}
