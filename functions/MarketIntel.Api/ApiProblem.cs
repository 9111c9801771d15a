using MarketIntel.Pipeline.Application;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace MarketIntel.Api;

/// <summary>RFC 7807 problem responses with a message that says what was wrong and where.</summary>
public static class ApiProblem
{
    /// <summary>A use case's refusal as its problem response: invalid 400 (naming the field), not found 404, conflict 409.</summary>
    public static ProblemHttpResult From(UseCaseError error)
    {
        ArgumentNullException.ThrowIfNull(error);
        return error.Kind switch
        {
            UseCaseErrorKind.Invalid => BadRequest(error.Field ?? "body", error.Message),
            UseCaseErrorKind.NotFound => NotFound(error.Message),
            UseCaseErrorKind.Conflict => Conflict(error.Title ?? "Conflict", error.Message),
            _ => throw new ArgumentOutOfRangeException(nameof(error), error.Kind, "unknown use case error kind"),
        };
    }

    public static ProblemHttpResult BadRequest(string parameter, string detail) => TypedResults.Problem(
        title: "Invalid request", detail: $"{parameter}: {detail}", statusCode: StatusCodes.Status400BadRequest,
        extensions: new Dictionary<string, object?> { ["parameter"] = parameter });

    /// <summary>A 409: the resource exists but cannot give what was asked yet (a scan not completed, too few bars for a model).</summary>
    public static ProblemHttpResult Conflict(string title, string detail) => TypedResults.Problem(title: title, detail: detail, statusCode: StatusCodes.Status409Conflict);

    public static ProblemHttpResult NotFound(string detail) => TypedResults.Problem(title: "Not found", detail: detail, statusCode: StatusCodes.Status404NotFound);

    public static ProblemHttpResult Forbidden(string detail) => TypedResults.Problem(title: "Forbidden", detail: detail, statusCode: StatusCodes.Status403Forbidden);

    public static ProblemHttpResult Unauthorized(string detail) => TypedResults.Problem(title: "Unauthorized", detail: detail, statusCode: StatusCodes.Status401Unauthorized);
}
