using System.Text.Json.Nodes;
using MarketIntel.Api;
using MarketIntel.Pipeline.Application;

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

    /// <summary>
    /// Every 2xx answer of every route declares what its body is, so the dashboard's generated types cover it: a route
    /// returning an untyped result (an <c>IResult</c>, an anonymous object) shows here as a response without a schema.
    /// A 204 has no body by definition. The SSE stream is not excepted: it declares its events (StreamEvent) as the schema
    /// of its <c>text/event-stream</c> body.
    /// </summary>
    [Fact]
    public async Task EverySuccessResponse_DeclaresItsBodysSchema()
    {
        var document = JsonNode.Parse(await host.Client.GetStringAsync("/api/openapi.json"))!;
        var missing = new List<string>();
        var operations = 0;
        foreach (var (path, item) in document["paths"]!.AsObject())
        {
            foreach (var (method, operation) in item!.AsObject())
            {
                operations++;
                foreach (var (status, response) in operation!["responses"]!.AsObject())
                {
                    if (!status.StartsWith('2') || status == "204")
                    {
                        continue;
                    }

                    var content = response!["content"]?.AsObject();
                    if (content is null || content.Count == 0 || content.Any(c => c.Value?["schema"] is not JsonObject { Count: > 0 }))
                    {
                        missing.Add($"{method.ToUpperInvariant()} {path} {status}");
                    }
                }
            }
        }

        Assert.Equal(ApiRoutes.All.Count(r => r.Handler is not null), operations);
        Assert.True(missing.Count == 0, "success responses without a schema (return a typed result with a declared DTO): " + string.Join(", ", missing));
    }

    /// <summary>The routes that read a JSON body declare its type (the handlers read bodies themselves, strictly).</summary>
    [Fact]
    public async Task EveryRouteThatReadsABody_DeclaresItsSchema()
    {
        var document = JsonNode.Parse(await host.Client.GetStringAsync("/api/openapi.json"))!;
        foreach (var route in ApiRoutes.All.Where(r => r.Body is not null))
        {
            var operation = document["paths"]!["/api/" + route.Template]![route.Method.ToLowerInvariant()]!;
            var schema = operation["requestBody"]?["content"]?["application/json"]?["schema"]?["$ref"]?.GetValue<string>();
            Assert.Equal("#/components/schemas/" + route.Body!.Name, schema);
        }

        Assert.Contains(ApiRoutes.All, r => r.Name == "StartScan" && r.Body == typeof(ScanRequest));
    }

    /// <summary>
    /// A scan outcome's forward return is a number or "NaN" (open setups): the document says exactly that, without the
    /// <c>type: object</c> ASP.NET's generator puts beside such an <c>anyOf</c> (which no value satisfies).
    /// </summary>
    [Fact]
    public async Task NumbersThatMayBeNaN_AreANumberOrANamedLiteral()
    {
        var document = JsonNode.Parse(await host.Client.GetStringAsync("/api/openapi.json"))!;
        var schema = document["components"]!["schemas"]!["SetupOutcome"]!["properties"]!["return20"]!;

        Assert.Null(schema["type"]);
        var anyOf = schema["anyOf"]!.AsArray();
        Assert.Contains(anyOf, s => s!["enum"]?.AsArray().Any(n => n!.GetValue<string>() == "NaN") == true);
        Assert.Contains(anyOf, s => s!["type"]?.ToJsonString().Contains("number", StringComparison.Ordinal) == true);
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
