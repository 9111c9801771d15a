using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace MarketIntel.Api;

/// <summary>
/// The OpenAPI document as a file, for the Functions app, which has no minimal-API endpoints to generate it from: the
/// local host's generated document without its <c>servers</c> and with a host-neutral title. A test regenerates it
/// from the local host and fails when the committed file is stale.
/// </summary>
public static class OpenApiFile
{
    public const string FileName = "openapi.json";

    /// <summary>The host-neutral form of a generated document.</summary>
    public static string Normalize(string generated)
    {
        var document = JsonNode.Parse(generated)!.AsObject();
        document.Remove("servers");
        document["info"]!["title"] = "MarketIntel API";
        return document.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n";
    }

    /// <summary>Serves the document kept in <paramref name="directory"/>, or a 404 saying it was not deployed.</summary>
    public static IResult Serve(string directory)
    {
        var path = Path.Combine(directory, FileName);
        return File.Exists(path)
            ? Results.Text(File.ReadAllText(path), "application/json")
            : ApiProblem.NotFound($"{FileName} was not deployed with this app");
    }
}
