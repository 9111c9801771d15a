using System.Collections.Concurrent;
using System.Reflection;
using System.Text.Json;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace MarketIntel.Functions.Tests.DurableEngine;

/// <summary>
/// The real Durable Task engine (in process, in-memory backend) running the Functions app's own orchestrator and
/// activity functions: every method with an <see cref="OrchestrationTriggerAttribute"/> or
/// <see cref="ActivityTriggerAttribute"/> parameter is registered under its <see cref="FunctionAttribute"/> name and
/// invoked exactly as the Functions host invokes it (a real <see cref="TaskOrchestrationContext"/>, JSON payloads),
/// with activity classes created from the app's composition on embedded storage. Tests may script an activity's
/// faults (<see cref="FailNext"/>); every activity call is recorded.
/// </summary>
public sealed class AppOnDurableEngine : IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, int> _faults = new(StringComparer.Ordinal);

    static AppOnDurableEngine()
    {
        // The test host's gRPC sidecar is a default generic host that logs every request at Information to the console
        // and takes no logger from its options; its configuration reads environment variables, so this quiets it.
        Environment.SetEnvironmentVariable("Logging__LogLevel__Default", "Warning");
    }

    private AppOnDurableEngine(FunctionsTestHost app) => App = app;

    public FunctionsTestHost App { get; }

    public DurableTaskTestHost Engine { get; private set; } = null!;

    public DurableTaskClient Client => Engine.Client;

    /// <summary>Activity calls in completion order: name and input JSON.</summary>
    public ConcurrentQueue<(string Name, string Input)> Calls { get; } = new();

    public static async Task<AppOnDurableEngine> StartAsync(DateTimeOffset now, Action<IServiceCollection>? configure = null)
    {
        var host = new AppOnDurableEngine(new FunctionsTestHost(now, configure));
        host.Engine = await DurableTaskTestHost.StartAsync(host.Register, new DurableTaskTestHostOptions { LoggerFactory = NullLoggerFactory.Instance });
        return host;
    }

    /// <summary>The next <paramref name="times"/> calls of the activity throw before running (a transient fault).</summary>
    public void FailNext(string activity, int times) => _faults[activity] = times;

    public async Task<OrchestrationMetadata> RunAsync(string orchestration, string instanceId, object input, TimeSpan? timeout = null)
    {
        await Client.ScheduleNewOrchestrationInstanceAsync(orchestration, MarketIntel.Functions.Durable.PipelinePayload.From(input), new StartOrchestrationOptions(instanceId));
        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(90));
        return await Client.WaitForInstanceCompletionAsync(instanceId, getInputsAndOutputs: true, cts.Token);
    }

    public async ValueTask DisposeAsync()
    {
        await Engine.DisposeAsync();
        App.Dispose();
    }

    private void Register(DurableTaskRegistry registry)
    {
        foreach (var method in typeof(Program).Assembly.GetTypes().SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.Static | BindingFlags.Instance | BindingFlags.DeclaredOnly)))
        {
            var name = method.GetCustomAttribute<FunctionAttribute>()?.Name;
            var parameters = method.GetParameters();
            if (name is null)
            {
                continue;
            }

            if (parameters.Any(p => p.IsDefined(typeof(OrchestrationTriggerAttribute))))
            {
                registry.AddOrchestratorFunc<JsonElement>(name, context => (Task<JsonElement>)method.Invoke(null, [context])!);
            }
            else if (parameters.Any(p => p.IsDefined(typeof(ActivityTriggerAttribute))))
            {
                var instance = method.IsStatic ? null : ActivatorUtilities.CreateInstance(App.Services, method.DeclaringType!);
                registry.AddActivityFunc<JsonElement, JsonElement>(name, async (_, input) =>
                {
                    if (_faults.TryGetValue(name, out var left) && left > 0 && _faults.TryUpdate(name, left - 1, left))
                    {
                        throw new IOException($"injected transient fault in {name} ({left - 1} more)");
                    }

                    var result = await (Task<JsonElement>)method.Invoke(instance, [input, CancellationToken.None])!;
                    Calls.Enqueue((name, input.GetRawText()));
                    return result;
                });
            }
        }
    }
}
