using MarketIntel.Core.Storage;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace MarketIntel.Functions.Tests;

/// <summary>The Functions app's service composition on embedded storage in a temporary folder, with a fake clock.</summary>
public sealed class FunctionsTestHost : IDisposable
{
    /// <param name="now">The fake clock's start.</param>
    /// <param name="configure">Services a test adds after the app's own (a provider of its own, say).</param>
    public FunctionsTestHost(DateTimeOffset now, Action<IServiceCollection>? configure = null)
    {
        DataPath = Path.Combine(Path.GetTempPath(), "mi-functions-" + Guid.NewGuid().ToString("N"));
        Clock = new FakeTimeProvider(now);
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Storage:DataPath"] = DataPath }).Build();
        var services = new ServiceCollection().AddLogging().AddSingleton<IConfiguration>(configuration).AddMarketIntelFunctions(configuration)
            .AddSingleton<TimeProvider>(Clock);
        configure?.Invoke(services);
        Services = services.BuildServiceProvider();
    }

    public string DataPath { get; }

    public FakeTimeProvider Clock { get; }

    public ServiceProvider Services { get; }

    public IRecordStore Records => Services.GetRequiredService<IRecordStore>();

    public IBarStore Bars => Services.GetRequiredService<IBarStore>();

    public T Create<T>() => ActivatorUtilities.CreateInstance<T>(Services);

    public DefaultHttpContext Request(string method, string? body = null, string? query = null)
    {
        var context = new DefaultHttpContext { RequestServices = Services };
        context.Request.Method = method;
        context.Request.QueryString = query is null ? QueryString.Empty : new QueryString(query);
        context.Request.Body = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(body ?? string.Empty));
        context.Response.Body = new MemoryStream();
        return context;
    }

    public static System.Text.Json.JsonElement Json(HttpContext context)
    {
        context.Response.Body.Position = 0;
        using var document = System.Text.Json.JsonDocument.Parse(context.Response.Body);
        return document.RootElement.Clone();
    }

    public void Dispose()
    {
        Services.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(DataPath, recursive: true);
        }
        catch (IOException)
        {
            // A file still open on a slow machine: the temp folder is cleaned by the OS.
        }
    }
}
