namespace MarketIntel.Pipeline.Application;

/// <summary>Why a use case refused a request; the HTTP layer maps these to 400, 404 and 409.</summary>
public enum UseCaseErrorKind
{
    /// <summary>The request itself is wrong (a field, a parameter, the body).</summary>
    Invalid,

    /// <summary>What the request names does not exist.</summary>
    NotFound,

    /// <summary>It exists but cannot give what was asked yet (a run not completed).</summary>
    Conflict,
}
