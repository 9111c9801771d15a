using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace MarketIntel.Storage.Tests.Emulators;

/// <summary>
/// A Node emulator process started by a test: bound to 127.0.0.1 on a free port, awaited until it prints its
/// readiness line, and stopped by its own PID (with its children) on dispose. It also receives this process's PID
/// and exits by itself if the test host dies first.
/// </summary>
public sealed class EmulatorProcess : IAsyncDisposable
{
    private readonly Process process;
    private readonly StringBuilder output = new();
    private readonly TaskCompletionSource ready = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private EmulatorProcess(Process process, int port)
    {
        this.process = process;
        Port = port;
    }

    public int Port { get; }

    public int ProcessId => process.Id;

    public bool HasExited => process.HasExited;

    /// <summary>Waits until the process ends by itself; false if it is still running after <paramref name="timeout"/>.</summary>
    public async Task<bool> WaitForExitAsync(TimeSpan timeout)
    {
        try
        {
            await process.WaitForExitAsync().WaitAsync(timeout).ConfigureAwait(false);
            return true;
        }
        catch (TimeoutException)
        {
            return false;
        }
    }

    public string Output
    {
        get
        {
            lock (output)
            {
                return output.ToString();
            }
        }
    }

    /// <summary>
    /// Starts <c>node script args</c> (with <c>--port</c> and <c>--parent-pid</c> appended) and waits for <paramref name="readyMarker"/>;
    /// on a free port unless <paramref name="port"/> names one (a restart on the port of a stopped process).
    /// </summary>
    public static async Task<EmulatorProcess> StartAsync(string script, IEnumerable<string> arguments, string readyMarker, TimeSpan timeout, string? workingDirectory = null, int? parentPid = null, int? port = null)
    {
        var chosenPort = port ?? FreePort();
        var start = new ProcessStartInfo("node")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? Path.GetDirectoryName(script)!,
        };
        start.ArgumentList.Add(script);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.ArgumentList.Add("--port");
        start.ArgumentList.Add(chosenPort.ToString(System.Globalization.CultureInfo.InvariantCulture));
        start.ArgumentList.Add("--parent-pid");
        start.ArgumentList.Add((parentPid ?? Environment.ProcessId).ToString(System.Globalization.CultureInfo.InvariantCulture));
        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        var emulator = new EmulatorProcess(process, chosenPort);
        process.OutputDataReceived += (_, e) => emulator.OnLine(e.Data, readyMarker);
        process.ErrorDataReceived += (_, e) => emulator.OnLine(e.Data, null);
        process.Exited += (_, _) => emulator.ready.TrySetException(new InvalidOperationException($"{Path.GetFileName(script)} exited before it was ready:\n{emulator.Output}"));
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await emulator.ready.Task.WaitAsync(timeout).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            await emulator.DisposeAsync().ConfigureAwait(false);
            throw new TimeoutException($"{Path.GetFileName(script)} was not ready within {timeout}:\n{emulator.Output}");
        }

        return emulator;
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!process.HasExited)
            {
                // Only the process this object started (and its children), by PID.
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(10)).ConfigureAwait(false);
            }
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
        finally
        {
            process.Dispose();
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private void OnLine(string? line, string? readyMarker)
    {
        if (line is null)
        {
            return;
        }

        lock (output)
        {
            // Keep the start of the log for diagnostics, not an unbounded access log.
            if (output.Length < 64 * 1024)
            {
                output.AppendLine(line);
            }
        }

        if (readyMarker is not null && line.Contains(readyMarker, StringComparison.Ordinal))
        {
            ready.TrySetResult();
        }
    }
}
