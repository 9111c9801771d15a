// Package: Microsoft.Azure.Functions.Worker.Extensions.Http 3.3.0 (dependency of .Http.AspNetCore 2.1.0) and
// Microsoft.Azure.Functions.Worker.Extensions.Http.AspNetCore 2.1.0.
// Source: Azure/azure-functions-dotnet-worker, extensions/Worker.Extensions.Http/src/HttpTriggerAttribute.cs,
// AuthorizationLevel.cs; extensions/Worker.Extensions.Http.AspNetCore/src/FunctionsApplicationBuilderAspNetCoreExtensions.cs.
#pragma warning disable CA1019
using Microsoft.Azure.Functions.Worker.Builder;

namespace Microsoft.Azure.Functions.Worker
{
    public enum AuthorizationLevel
    {
        Anonymous = 0,
        User = 1,
        Function = 2,
        System = 3,
        Admin = 4,
    }

    [AttributeUsage(AttributeTargets.Parameter)]
    public sealed class HttpTriggerAttribute : Attribute
    {
        public HttpTriggerAttribute(AuthorizationLevel authLevel, params string[] methods)
        {
            AuthLevel = authLevel;
            Methods = methods;
        }

        public string? Route { get; set; }

        public string[]? Methods { get; }

        public AuthorizationLevel AuthLevel { get; }
    }
}

namespace Microsoft.Azure.Functions.Worker.Builder
{
    public static class FunctionsApplicationBuilderAspNetCoreExtensions
    {
        public static FunctionsApplicationBuilder ConfigureFunctionsWebApplication(this FunctionsApplicationBuilder builder)
        {
            ArgumentNullException.ThrowIfNull(builder);
            builder.WebApplicationConfigured = true;
            return builder;
        }
    }
}
