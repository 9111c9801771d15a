using System.Security.Cryptography;
using MarketIntel.Api;
using MarketIntel.Composition;
using MarketIntel.Ingestion.Bridge;
using MarketIntel.Ingestion.Instruments;
using MarketIntel.Ingestion.Simulation;
using MarketIntel.Pipeline.Application;
using MarketIntel.Storage.Configuration;
using Microsoft.Extensions.Configuration.Memory;

namespace MarketIntel.Host;

/// <summary>
/// The local host: the same <c>/api</c> routes as the Functions app, on <c>http://127.0.0.1:7071</c> by default
/// (<c>--urls</c> overrides), on embedded storage unless <c>--store azure</c>.
/// </summary>
public static class MarketIntelHost
{
    public const string DefaultUrl = "http://127.0.0.1:7071";

    /// <param name="args">Command-line arguments (see <see cref="Translate"/>).</param>
    /// <param name="configure">What a caller adds before the app is built (tests: a log capture).</param>
    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = Translate(args) });
        if (string.IsNullOrEmpty(builder.Configuration["urls"]) && string.IsNullOrEmpty(builder.Configuration["ASPNETCORE_URLS"]))
        {
            // Loopback only unless told otherwise: nothing is exposed beyond this machine by default.
            builder.WebHost.UseUrls(DefaultUrl);
        }

        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Limits.MaxRequestBodySize = ApiOptions.MaxRequestBodyBytes);

        // The tick bridge streams the demo watchlist's crypto symbols unless told otherwise (the lowest-priority source).
        builder.Configuration.Sources.Insert(0, new MemoryConfigurationSource
        {
            InitialData = new Dictionary<string, string?> { [TickBridgeOptions.Keys.Symbols] = string.Join(',', PipelineScheduler.DemoSymbols.Where(s => MarketSimulator.Resolve(s).AssetClass == AssetClass.Crypto)) },
        });
        builder.Services.AddMarketIntel(builder.Configuration, "local", (sp, configured) => WithKey(configured, sp.GetRequiredService<StorageSettings>()));
        builder.Services.AddSingleton(builder.Configuration.GetSection("LocalHost").Get<LocalHostOptions>() ?? new LocalHostOptions());
        builder.Services.AddSingleton<PipelineTriggers>();
        builder.Services.AddLocalPipeline();
        builder.Services.AddHostedService<PipelineScheduler>();
        builder.Services.AddOpenApi(o => o.AddSchemaTransformer<NamedFloatSchemaTransformer>());
        var dashboardOrigin = DashboardOrigin(builder.Configuration);
        if (dashboardOrigin is not null)
        {
            builder.Services.AddCors(cors => cors.AddDefaultPolicy(policy => policy.WithOrigins(dashboardOrigin)
                .WithMethods(HttpMethods.Get, HttpMethods.Put, HttpMethods.Post, HttpMethods.Delete)
                .WithHeaders("content-type", ApiKeyFilter.Header, "x-functions-key", "if-none-match")
                .WithExposedHeaders("etag", "location", "retry-after")));
        }

        configure?.Invoke(builder);

        var app = builder.Build();
        // A request Kestrel refuses while a handler reads it (a body over the limit: 413) keeps its status.
        app.UseExceptionHandler(new ExceptionHandlerOptions { StatusCodeSelector = ex => ex is BadHttpRequestException bad ? bad.StatusCode : StatusCodes.Status500InternalServerError });
        app.UseMarketIntelSecurityHeaders();
        if (dashboardOrigin is not null)
        {
            // Without a configured origin there is no CORS at all: browsers let only the host's own pages call the API.
            app.UseCors();
        }

        app.UseStatusCodePages();
        app.MapOpenApi("/api/openapi.json");
        app.MapMarketIntelApi();
        app.UseMarketIntelDashboard();
        return app;
    }

    /// <summary>
    /// <c>Api:DashboardOrigin</c>, the one origin whose pages may call the API from a browser (a dashboard served
    /// elsewhere), as <c>scheme://host[:port]</c>; null when unset. Anything else stops the start with the reason.
    /// </summary>
    internal static string? DashboardOrigin(IConfiguration configuration)
    {
        var text = configuration[$"Api:{nameof(ApiOptions.DashboardOrigin)}"];
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        if (!Uri.TryCreate(text.Trim(), UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https") || uri.PathAndQuery != "/" || !string.IsNullOrEmpty(uri.Fragment) || !string.IsNullOrEmpty(uri.UserInfo))
        {
            throw new InvalidOperationException($"Api:{nameof(ApiOptions.DashboardOrigin)} is '{text}'; expected an origin such as https://dashboard.example.com (scheme, host and port only)");
        }

        return uri.GetLeftPart(UriPartial.Authority);
    }

    /// <summary><c>--store azure|tables|embedded</c> and <c>--data DIR</c> are shorthands for the storage settings.</summary>
    internal static string[] Translate(string[] args)
    {
        var result = new List<string>();
        for (var i = 0; i < args.Length; i++)
        {
            if (args[i] == "--store" && i + 1 < args.Length)
            {
                result.Add($"--Storage:Provider={args[++i].ToLowerInvariant() switch { "azure" => "Azure", "tables" => "AzureTables", _ => "Embedded" }}");
            }
            else if (args[i] == "--data" && i + 1 < args.Length)
            {
                result.Add($"--Storage:DataPath={args[++i]}");
            }
            else
            {
                result.Add(args[i]);
            }
        }

        return [.. result];
    }

    /// <summary>
    /// The API key comes from <c>Api:Key</c>; without one the local host creates a random key once and keeps it in its
    /// data folder, so the mutating routes are never open and the key survives restarts.
    /// </summary>
    private static ApiOptions WithKey(ApiOptions options, StorageSettings storage)
    {
        if (!string.IsNullOrEmpty(options.Key))
        {
            return options;
        }

        Directory.CreateDirectory(storage.DataPath);
        var keyFile = Path.Combine(storage.DataPath, "api-key");
        if (!File.Exists(keyFile))
        {
            File.WriteAllText(keyFile, Convert.ToHexString(RandomNumberGenerator.GetBytes(24)).ToLowerInvariant());
        }

        return options with { Key = File.ReadAllText(keyFile).Trim() };
    }
}
