using System.Reflection;
using MarketIntel.Api;
using MarketIntel.Functions.Durable;
using MarketIntel.Pipeline.Engine;
using MarketIntel.Pipeline.Workflows;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.DependencyInjection;

namespace MarketIntel.Functions.Tests;

[Trait("Category", "FunctionsApi")]
public sealed class CompositionTests
{
    [Fact]
    public void ProgramBuild_ComposesAContainerThatActivatesEveryFunctionClass()
    {
        var data = Path.Combine(Path.GetTempPath(), "mi-functions-" + Guid.NewGuid().ToString("N"));
        try
        {
            using var host = Program.Build([$"--Storage:DataPath={data}"]);
            Assert.Equal("functions", host.Services.GetRequiredService<ApiHostInfo>().Name);
            Assert.Null(host.Services.GetRequiredService<ApiOptions>().Key);

            // Ingestion may write on another instance, which this instance's cache would not see.
            Assert.False(host.Services.GetRequiredService<BarsResponseCache>().Enabled);
            var classes = typeof(Program).Assembly.GetTypes().Where(t => !t.IsAbstract && t.GetMethods().Any(m => m.GetCustomAttribute<FunctionAttribute>() is not null));
            foreach (var type in classes.Where(t => !(t.IsAbstract && t.IsSealed)))
            {
                Assert.NotNull(ActivatorUtilities.CreateInstance(host.Services, type));
            }
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            if (Directory.Exists(data))
            {
                Directory.Delete(data, recursive: true);
            }
        }
    }

    [Fact]
    public void PayloadsCrossDurableInThePipelinesJsonShape()
    {
        var json = PipelinePayload.From(new RunRecord("r", "k", RunStatus.Completed, DateTime.UnixEpoch, DateTime.UnixEpoch, "s"));
        Assert.True(json.TryGetProperty("runId", out _));
        Assert.Equal(PipelineJson.Options.PropertyNamingPolicy, System.Text.Json.JsonNamingPolicy.CamelCase);
        Assert.Throws<ArgumentException>(() => PipelinePayload.Read<RunRecord>(System.Text.Json.JsonDocument.Parse("null").RootElement));
    }
}
