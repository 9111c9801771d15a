using System.Net;
using Microsoft.AspNetCore.StaticFiles;
using Microsoft.Extensions.FileProviders;

namespace MarketIntel.Host;

/// <summary>
/// Serves the dashboard's built single-page app (<c>functions/MarketIntel.Dashboard/dist</c>, or the folder named by
/// <c>Dashboard:Path</c>) at <c>/</c>: files as they are, every other non-<c>/api</c> path as <c>index.html</c> (the app
/// routes by hash, deep links still load). Unknown <c>/api</c> paths stay 404 ProblemDetails, never the app's HTML.
/// </summary>
public static class DashboardHosting
{
    public const string PathSetting = "Dashboard:Path";

    /// <summary>Where the dashboard's build output is expected, relative to the repository root.</summary>
    public const string RepositoryRelativeDist = "functions/MarketIntel.Dashboard/dist";

    public static WebApplication UseMarketIntelDashboard(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var dist = FindDist(app.Configuration[PathSetting], [app.Environment.ContentRootPath, AppContext.BaseDirectory, Directory.GetCurrentDirectory()]);
        app.MapFallback("/api/{**rest}", (string? rest) => Results.Problem(
            statusCode: StatusCodes.Status404NotFound, title: "Not found", detail: $"there is no API route /api/{rest} (GET /api/openapi.json lists them)"));
        if (dist is null)
        {
            app.Logger.LogWarning("Dashboard not built: {Path} is missing; run bash eng/dashboard.sh", RepositoryRelativeDist);
            app.MapFallback("{*path:nonfile}", () => Results.Content(NotBuiltPage, "text/html; charset=utf-8", statusCode: StatusCodes.Status503ServiceUnavailable));
            return app;
        }

        app.Logger.LogInformation("Dashboard served from {Path}", dist);
        var files = new StaticFileOptions
        {
            FileProvider = new PhysicalFileProvider(dist),
            ContentTypeProvider = new FileExtensionContentTypeProvider(),
            OnPrepareResponse = context =>
            {
                // Vite puts a content hash in asset names, so those never change; index.html must be re-read to pick up a new build.
                context.Context.Response.Headers.CacheControl = context.Context.Request.Path.StartsWithSegments("/assets", StringComparison.Ordinal)
                    ? "public, max-age=31536000, immutable"
                    : "no-cache";
            },
        };
        app.UseStaticFiles(files);
        app.MapFallbackToFile("{*path:nonfile}", "index.html", files);
        return app;
    }

    /// <summary>The configured folder if set (it must hold index.html), else the first <see cref="RepositoryRelativeDist"/> above a start folder.</summary>
    internal static string? FindDist(string? configured, IEnumerable<string> startFolders)
    {
        if (!string.IsNullOrWhiteSpace(configured))
        {
            var full = Path.GetFullPath(configured);
            return File.Exists(Path.Combine(full, "index.html")) ? full : null;
        }

        foreach (var start in startFolders)
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, RepositoryRelativeDist);
                if (File.Exists(Path.Combine(candidate, "index.html")))
                {
                    return candidate;
                }
            }
        }

        return null;
    }

    private static readonly string NotBuiltPage = $$"""
        <!doctype html>
        <html lang="en"><head><meta charset="utf-8"><title>MarketIntel: dashboard not built</title>
        <style>body{font:16px/1.5 system-ui,sans-serif;max-width:42rem;margin:3rem auto;padding:0 1rem}code{background:#eef;padding:0 .3em}</style></head>
        <body><h1>The dashboard is not built yet</h1>
        <p>The API is running (<a href="/api/health">/api/health</a>, <a href="/api/openapi.json">/api/openapi.json</a>), but
        <code>{{WebUtility.HtmlEncode(RepositoryRelativeDist)}}</code> does not exist.</p>
        <p>Build it with <code>bash eng/dashboard.sh</code> (run by <code>bash eng/setup.sh</code>, which both README commands run),
        or point the <code>{{PathSetting}}</code> setting at a built folder, then reload this page.</p></body></html>
        """;
}
