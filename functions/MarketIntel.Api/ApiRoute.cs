namespace MarketIntel.Api;

/// <summary>
/// One HTTP route of the API: the Functions app's function name, the method, the template below <c>/api</c>, who may call
/// it, and the handler the local host maps (null for the OpenAPI document, which each host serves its own way).
/// </summary>
public sealed record ApiRoute(string Name, string Method, string Template, ApiAccess Access, Delegate? Handler);
