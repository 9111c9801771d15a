using System.Diagnostics;
using System.Reflection;

namespace MarketIntel.Infrastructure.Tests.Arm;

/// <summary>
/// The Bicep CLI restored from NuGet (Azure.Bicep.CommandLine.linux-x64, a PackageDownload of this project): its path
/// comes from the build (AssemblyMetadata "BicepPath"), with the NuGet global folder as a fallback.
/// </summary>
public static class BicepCli
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(3);

    /// <summary>What one run printed.</summary>
    public sealed record Result(int ExitCode, string StandardOutput, string StandardError);

    public static string Path { get; } = Locate();

    public static async Task<Result> RunAsync(string workingDirectory, params string[] arguments)
    {
        var start = new ProcessStartInfo(Path)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        // No telemetry and no network: the build machines are offline and local modules need none.
        start.Environment["BICEP_TELEMETRY_ENABLED"] = "false";
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"cannot start {Path}");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var cancel = new CancellationTokenSource(Timeout);
        try
        {
            await process.WaitForExitAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"bicep {string.Join(' ', arguments)} did not finish within {Timeout}");
        }

        return new Result(process.ExitCode, await stdout, await stderr);
    }

    private static string Locate()
    {
        var fromBuild = typeof(BicepCli).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .FirstOrDefault(a => a.Key == "BicepPath")?.Value;
        var packages = Environment.GetEnvironmentVariable("NUGET_PACKAGES")
            ?? System.IO.Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        var candidates = new[] { fromBuild, System.IO.Path.Combine(packages, "azure.bicep.commandline.linux-x64") }
            .Where(c => !string.IsNullOrEmpty(c));
        var path = candidates.FirstOrDefault(File.Exists)
            ?? throw new FileNotFoundException($"the Bicep CLI is not restored (expected {fromBuild}); run 'dotnet restore tests/MarketIntel.Infrastructure.Tests' or 'bash eng/bicep.sh'");

        // NuGet may extract the binary without the run bit (the package is the linux-x64 build, so this is Unix).
        if (OperatingSystem.IsWindows())
        {
            return path;
        }

        var mode = File.GetUnixFileMode(path);
        if ((mode & UnixFileMode.UserExecute) == 0)
        {
            File.SetUnixFileMode(path, mode | UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute);
        }

        return path;
    }
}
