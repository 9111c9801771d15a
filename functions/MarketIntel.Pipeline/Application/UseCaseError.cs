namespace MarketIntel.Pipeline.Application;

/// <summary>
/// A use case's refusal: its kind, what was wrong, and for an invalid request the field at fault (for a conflict, a
/// short title). Hosts translate it (the API to ProblemDetails); nobody parses the message.
/// </summary>
public sealed record UseCaseError(UseCaseErrorKind Kind, string Message, string? Field = null, string? Title = null)
{
    public static UseCaseError Invalid(string field, string message) => new(UseCaseErrorKind.Invalid, message, field);

    public static UseCaseError NotFound(string message) => new(UseCaseErrorKind.NotFound, message);

    public static UseCaseError Conflict(string title, string message) => new(UseCaseErrorKind.Conflict, message, null, title);
}
