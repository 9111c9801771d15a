namespace MarketIntel.Api;

/// <summary>
/// One HTTP route of the API: the Functions app's function name, the method, the template below <c>/api</c>, who may call
/// it, the handler the local host maps (null for the OpenAPI document, which each host serves its own way), and the type
/// of the JSON body it reads, if any. Handlers read their bodies themselves (strictly, naming the field at fault), so
/// the body type is declared here for the OpenAPI document rather than inferred from a parameter.
/// </summary>
public sealed record ApiRoute(string Name, string Method, string Template, ApiAccess Access, Delegate? Handler, Type? Body = null);
