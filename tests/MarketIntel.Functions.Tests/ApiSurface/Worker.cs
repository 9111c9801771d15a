// Declarations of the package API the Functions app uses, for compiling it where the package cannot be restored.
// Package: Microsoft.Azure.Functions.Worker 2.51.0 (with Microsoft.Azure.Functions.Worker.Core 2.51.0).
// Source: Azure/azure-functions-dotnet-worker, src/DotNetWorker/Builder/FunctionsApplication*.cs, src/DotNetWorker.Core.
// Only the members the app uses; FunctionsApplicationBuilder wraps a HostApplicationBuilder so Program.Build can run in tests.
#pragma warning disable CA1019, CA1812, CA1813
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Microsoft.Azure.Functions.Worker.Builder
{
    public class FunctionsApplication
    {
        public static FunctionsApplicationBuilder CreateBuilder(string[] args) => new(args);
    }

    public class FunctionsApplicationBuilder
    {
        private readonly HostApplicationBuilder _builder;

        internal FunctionsApplicationBuilder(string[]? args) => _builder = new HostApplicationBuilder(args);

        public ConfigurationManager Configuration => _builder.Configuration;

        public IServiceCollection Services => _builder.Services;

        internal bool WebApplicationConfigured { get; set; }

        public IHost Build() => _builder.Build();
    }
}

namespace Microsoft.Azure.Functions.Worker
{
    [AttributeUsage(AttributeTargets.Method)]
    public class FunctionAttribute(string name) : Attribute
    {
        public string Name { get; } = name;
    }

    [AttributeUsage(AttributeTargets.Method)]
    public class ExponentialBackoffRetryAttribute(int maxRetryCount, string minimumInterval, string maximumInterval) : Attribute
    {
        public int MaxRetryCount { get; } = maxRetryCount;

        public string MinimumInterval { get; } = minimumInterval;

        public string MaximumInterval { get; } = maximumInterval;
    }
}
