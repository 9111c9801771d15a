using Microsoft.AspNetCore.Http;

namespace MarketIntel.Api;

/// <summary>RFC 7807 problem responses with a message that says what was wrong and where.</summary>
public static class ApiProblem
{
    public static IResult BadRequest(string parameter, string detail) => Results.Problem(
        title: "Invalid request", detail: $"{parameter}: {detail}", statusCode: StatusCodes.Status400BadRequest,
        extensions: new Dictionary<string, object?> { ["parameter"] = parameter });

    public static IResult NotFound(string detail) => Results.Problem(title: "Not found", detail: detail, statusCode: StatusCodes.Status404NotFound);

    public static IResult Forbidden(string detail) => Results.Problem(title: "Forbidden", detail: detail, statusCode: StatusCodes.Status403Forbidden);

    public static IResult Unauthorized(string detail) => Results.Problem(title: "Unauthorized", detail: detail, statusCode: StatusCodes.Status401Unauthorized);
}
