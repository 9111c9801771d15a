using System.Text.Json.Nodes;
using MarketIntel.Api;

namespace MarketIntel.Host.Tests;

public sealed class OpenApiDocumentTests(LocalHostFixture host) : IClassFixture<LocalHostFixture>
{
    [Fact]
    public async Task TheFunctionsAppsCommittedDocument_IsTheLocalHostsGeneratedOne()
    {
        var generated = await host.Client.GetStringAsync("/api/openapi.json");
        var path = Path.Combine(RepositoryRoot(), "functions", "MarketIntel.Functions", OpenApiFile.FileName);
        if (Environment.GetEnvironmentVariable("MARKETINTEL_UPDATE_OPENAPI") == "1")
        {
            // Refreshed only on request, so that CI compares instead of rewriting.
            await File.WriteAllTextAsync(path, OpenApiFile.Normalize(generated));
        }

        var committed = await File.ReadAllTextAsync(path);

        var expected = JsonNode.Parse(OpenApiFile.Normalize(generated));
        Assert.True(JsonNode.DeepEquals(expected, JsonNode.Parse(committed)),
            "functions/MarketIntel.Functions/openapi.json is stale: run this test with MARKETINTEL_UPDATE_OPENAPI=1");
        Assert.Contains("/api/scans/{id}", committed, StringComparison.Ordinal);
    }

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Functions.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new DirectoryNotFoundException("the repository root (Functions.sln) is not above the test's folder");
    }
}
