namespace MarketIntel.Ingestion.Tests.Fakes;

/// <summary>Recorded provider payloads under <c>Fixtures/</c>, written to each provider's documented format.</summary>
public static class Fixture
{
    public static byte[] Bytes(string path) => File.ReadAllBytes(System.IO.Path.Combine(AppContext.BaseDirectory, "Fixtures", path));

    public static string Text(string path) => File.ReadAllText(System.IO.Path.Combine(AppContext.BaseDirectory, "Fixtures", path));
}
