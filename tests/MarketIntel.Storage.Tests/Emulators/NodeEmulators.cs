using System.Diagnostics;

namespace MarketIntel.Storage.Tests.Emulators;

/// <summary>
/// Locates <c>tests/</c> (its package.json pins Azurite and cosmosdb-server), installs its node_modules with
/// <c>npm ci</c> when they are missing, and starts the emulators from it.
/// </summary>
public static class NodeEmulators
{
    /// <summary>The well-known Cosmos DB emulator key; the emulator accepts any signature made with it.</summary>
    public const string CosmosEmulatorKey = "C2y6yDjf5/R+ob0N8A7Cgv30VRDJIWEHLM+4QDU9DE2nQ9nDuVTqobD4b8mGGyPMbIZnqyMsEcaGQy67XIw/Jw==";

    /// <summary>Azurite's well-known development account.</summary>
    public const string AzuriteAccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    private static readonly SemaphoreSlim InstallLock = new(1, 1);

    public static string TestsDirectory { get; } = FindTestsDirectory();

    public static string CosmosWrapperScript => Path.Combine(TestsDirectory, "emulators", "cosmos-wrapper.js");

    public static string AzuriteScript => Path.Combine(TestsDirectory, "emulators", "azurite-blob.js");

    public static string AzuriteTableScript => Path.Combine(TestsDirectory, "emulators", "azurite-table.js");

    /// <summary>Starts cosmosdb-server behind the wrapper; <paramref name="disabledFixes"/> turns wrapper fixes off (for the tests that prove them).</summary>
    public static async Task<EmulatorProcess> StartCosmosAsync(bool ssl = true, int? parentPid = null, int? port = null, params string[] disabledFixes)
    {
        await EnsureInstalledAsync().ConfigureAwait(false);
        var arguments = new List<string>();
        if (!ssl)
        {
            arguments.Add("--no-ssl");
        }

        foreach (var fix in disabledFixes)
        {
            arguments.Add("--disable-fix");
            arguments.Add(fix);
        }

        return await EmulatorProcess.StartAsync(CosmosWrapperScript, arguments, "cosmos-wrapper ready", TimeSpan.FromSeconds(60), parentPid: parentPid, port: port).ConfigureAwait(false);
    }

    public static async Task<EmulatorProcess> StartAzuriteAsync(string scratchDirectory, int? parentPid = null)
    {
        await EnsureInstalledAsync().ConfigureAwait(false);
        Directory.CreateDirectory(scratchDirectory);
        return await EmulatorProcess.StartAsync(AzuriteScript, [], "successfully listens on", TimeSpan.FromSeconds(60), scratchDirectory, parentPid).ConfigureAwait(false);
    }

    /// <summary>
    /// Starts Azurite's Table service: in memory, or persisting to <paramref name="location"/> so that it can be killed
    /// and started again (on <paramref name="port"/>, the stopped one's) with its data.
    /// </summary>
    public static async Task<EmulatorProcess> StartAzuriteTablesAsync(string scratchDirectory, string? location = null, int? port = null, int? parentPid = null)
    {
        await EnsureInstalledAsync().ConfigureAwait(false);
        Directory.CreateDirectory(scratchDirectory);
        string[] arguments = location is null ? [] : ["--location", location];
        return await EmulatorProcess.StartAsync(AzuriteTableScript, arguments, "Table service successfully started", TimeSpan.FromSeconds(60), scratchDirectory, parentPid, port).ConfigureAwait(false);
    }

    public static string AzuriteTablesConnectionString(int port) =>
        $"DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey={AzuriteAccountKey};TableEndpoint=http://127.0.0.1:{port.ToString(System.Globalization.CultureInfo.InvariantCulture)}/devstoreaccount1;";

    public static string AzuriteConnectionString(int port) =>
        $"DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey={AzuriteAccountKey};BlobEndpoint=http://127.0.0.1:{port.ToString(System.Globalization.CultureInfo.InvariantCulture)}/devstoreaccount1;";

    /// <summary>Runs <c>npm ci</c> in tests/ once when the pinned packages are not installed.</summary>
    public static async Task EnsureInstalledAsync()
    {
        await InstallLock.WaitAsync().ConfigureAwait(false);
        try
        {
            if (IsInstalled())
            {
                return;
            }

            // A lock file shared across processes: test assemblies and the benchmark may start at the same time.
            var lockPath = Path.Combine(TestsDirectory, ".npm-ci.lock");
            await using var fileLock = await AcquireFileLockAsync(lockPath).ConfigureAwait(false);
            if (IsInstalled())
            {
                return;
            }

            var start = new ProcessStartInfo("npm")
            {
                WorkingDirectory = TestsDirectory,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            foreach (var argument in new[] { "ci", "--no-audit", "--no-fund", "--ignore-scripts" })
            {
                start.ArgumentList.Add(argument);
            }

            using var npm = Process.Start(start) ?? throw new InvalidOperationException("npm could not be started.");
            var stdout = npm.StandardOutput.ReadToEndAsync();
            var stderr = npm.StandardError.ReadToEndAsync();
            await npm.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(10)).ConfigureAwait(false);
            if (npm.ExitCode != 0 || !IsInstalled())
            {
                throw new InvalidOperationException($"npm ci in {TestsDirectory} failed ({npm.ExitCode}):\n{await stdout.ConfigureAwait(false)}\n{await stderr.ConfigureAwait(false)}");
            }
        }
        finally
        {
            InstallLock.Release();
        }
    }

    private static bool IsInstalled() =>
        File.Exists(Path.Combine(TestsDirectory, "node_modules", "azurite", "package.json"))
        && File.Exists(Path.Combine(TestsDirectory, "node_modules", "@vercel", "cosmosdb-server", "package.json"))
        && File.Exists(Path.Combine(TestsDirectory, "node_modules", ".package-lock.json"));

    private static async Task<FileStream> AcquireFileLockAsync(string path)
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 1, FileOptions.DeleteOnClose);
            }
            catch (IOException) when (attempt < 1200)
            {
                await Task.Delay(500).ConfigureAwait(false);
            }
        }
    }

    private static string FindTestsDirectory()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            var candidate = Path.Combine(directory.FullName, "tests");
            if (File.Exists(Path.Combine(candidate, "package.json")) && File.Exists(Path.Combine(candidate, "emulators", "cosmos-wrapper.js")))
            {
                return candidate;
            }
        }

        throw new InvalidOperationException($"tests/package.json not found above {AppContext.BaseDirectory}.");
    }
}
