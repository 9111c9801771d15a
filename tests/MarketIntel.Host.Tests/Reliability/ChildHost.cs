using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace MarketIntel.Host.Tests.Reliability;

/// <summary>
/// The built local host (<c>functions/MarketIntel.Host/bin/Release/net10.0/MarketIntel.Host.dll</c>) as a child process on
/// a free loopback port over a given data folder: what a person runs, so that a kill is a real SIGKILL of a real process
/// (no finally blocks, no hosted-service shutdown, SQLite files left as the OS finds them).
/// </summary>
public sealed class ChildHost : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private ChildHost(Process process, Uri baseAddress)
    {
        _process = process;
        BaseAddress = baseAddress;
        Client = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(30) };
    }

    public Uri BaseAddress { get; }

    public HttpClient Client { get; }

    public bool HasExited => _process.HasExited;

    /// <summary>What the host wrote to stdout and stderr so far (for failure messages).</summary>
    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    /// <summary>Starts the host over <paramref name="dataPath"/> with the API key of the tests, the tick bridge off and <paramref name="settings"/>, and waits until /api/health answers.</summary>
    public static async Task<ChildHost> StartAsync(string dataPath, params string[] settings)
    {
        var url = $"http://127.0.0.1:{FreePort()}";
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in (string[])[HostDll, "--urls", url, "--data", dataPath, $"--Api:Key={LocalHostFixture.ApiKey}", "--Ticks:Bridge:Enabled=false", .. settings])
        {
            info.ArgumentList.Add(arg);
        }

        info.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        info.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        var process = Process.Start(info) ?? throw new InvalidOperationException("dotnet did not start");
        var host = new ChildHost(process, new Uri(url));
        process.OutputDataReceived += (_, e) => host.Append(e.Data);
        process.ErrorDataReceived += (_, e) => host.Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        for (var i = 0; i < 600; i++)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"the host exited with code {process.ExitCode} before it answered:\n{host.Output}");
            }

            try
            {
                if ((await host.Client.GetAsync("/api/health")).StatusCode == HttpStatusCode.OK)
                {
                    return host;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            await Task.Delay(50);
        }

        await host.DisposeAsync();
        throw new TimeoutException($"the host did not answer /api/health within 30 s:\n{host.Output}");
    }

    /// <summary>SIGKILL of the host and anything it started, then waits until it is gone.</summary>
    public async Task KillAsync()
    {
        _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        if (!_process.HasExited)
        {
            await KillAsync();
        }

        _process.Dispose();
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            // Only the tail matters in a failure message; a long run must not grow the buffer without bound.
            if (_output.Length > 200_000)
            {
                _output.Remove(0, 100_000);
            }

            _output.AppendLine(line);
        }
    }

    /// <summary>The host's own build output, next to this repository's test output (both built by the solution filter in the same configuration).</summary>
    private static string HostDll
    {
        get
        {
            var directory = new DirectoryInfo(AppContext.BaseDirectory);
            while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "MarketIntel.Local.slnf")))
            {
                directory = directory.Parent;
            }

            var configuration = new DirectoryInfo(AppContext.BaseDirectory).Parent!.Name;
            var path = Path.Combine(directory?.FullName ?? throw new InvalidOperationException("MarketIntel.Local.slnf not found above the test output"),
                "functions", "MarketIntel.Host", "bin", configuration, "net10.0", "MarketIntel.Host.dll");
            return File.Exists(path) ? path : throw new FileNotFoundException("build the solution filter first", path);
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
