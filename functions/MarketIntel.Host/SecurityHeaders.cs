namespace MarketIntel.Host;

/// <summary>
/// Headers on every response of the local host: no MIME sniffing, no framing, no referrer, and a content security policy
/// that allows only the dashboard's own files: no inline or foreign script; styles from the app and inline (the chart
/// library writes inline styles for its canvases and panes); data: images for the icon; API calls to the same origin. <c>staticwebapp.config.json</c> sets the same in Azure.
/// </summary>
public static class SecurityHeaders
{
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; font-src 'self'; " +
        "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    public static WebApplication UseMarketIntelSecurityHeaders(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.Use(async (context, next) =>
        {
            var headers = context.Response.Headers;
            headers.XContentTypeOptions = "nosniff";
            headers.XFrameOptions = "DENY";
            headers["Referrer-Policy"] = "no-referrer";
            headers.ContentSecurityPolicy = ContentSecurityPolicy;
            await next(context);
        });
        return app;
    }
}
