namespace MarketIntel.Infrastructure.Tests.Checks;

/// <summary>
/// The function app's app settings, as every azd environment's deployment snapshot sets them, against the settings the
/// code reads: each side must be explained by the other or by one of the explicit lists below.
/// </summary>
public static class SettingsCheck
{
    /// <summary>
    /// Read by the code, deliberately not set in Azure: local hosts, emulators and tests only, or defaults that are right
    /// in Azure.
    /// </summary>
    public static readonly IReadOnlySet<string> LocalOnly = new HashSet<string>(StringComparer.Ordinal)
    {
        // Functions host locally: Flex Consumption sets the runtime in functionAppConfig and rejects this setting.
        "FUNCTIONS_WORKER_RUNTIME",
        // Local Azurite ("UseDevelopmentStorage=true"); Azure uses the identity-based AzureWebJobsStorage__* settings.
        "AzureWebJobsStorage",
        // The Event Hubs emulator's connection string for the TicksEventHub connection; Azure uses the identity-based
        // TicksEventHub__fullyQualifiedNamespace/__credential/__clientId.
        "TicksEventHub",
        // Embedded (SQLite) store directory; Azure uses Storage__Provider=Azure.
        "Storage__DataPath",
        // Cosmos emulator only: a key (Azure: managed identity, local auth disabled), its certificate and gateway tuning.
        "CosmosDb__Key", "CosmosDb__AcceptEmulatorCertificate", "CosmosDb__LimitToEndpoint", "CosmosDb__ConnectionMode",
        // Azure: the identity has data roles only; Bicep creates the database and containers.
        "CosmosDb__CreateIfNotExists",
        // Default (16) is right for serverless; a tuning knob, not a deployment setting.
        "CosmosDb__MaxParallelWrites",
        // The local host's named API key hashes and its closed-reads switch; in Azure the mutating routes take function keys.
        "Api__Keys", "Api__ReadsNeedKey",
        // Azurite only (Azure: BlobStorage__ServiceUri with the identity); Bicep creates the containers.
        "BlobStorage__ConnectionString", "BlobStorage__CreateIfNotExists",
        // Azurite only (Azure: Tables__ServiceUri with the identity); Bicep creates the tables; a tuning knob.
        "Tables__ConnectionString", "Tables__CreateIfNotExists", "Tables__MaxParallelWrites",
        // The local host's API key; Azure uses function keys.
        "Api__Key",
        // The local host's CORS origin (its own ASP.NET CORS policy); in Azure the platform's CORS allows the Static Web
        // App's origin (function.bicep, siteConfig.cors.allowedOrigins).
        "Api__DashboardOrigin",
        // The simulator's seed and origin: deterministic demos and tests.
        "Ingestion__Simulator__Seed", "Ingestion__Simulator__Origin",
        // Provider base/stream URLs: tests and the fault-injection server override them; Azure uses the public defaults.
        "Ingestion__Binance__BaseUrl", "Ingestion__Coinbase__BaseUrl", "Ingestion__Binance__StreamUrl",
        "Ingestion__Coinbase__StreamUrl", "Ingestion__Alpaca__BaseUrl", "Ingestion__Polygon__BaseUrl",
        // Alpaca's own environment variables, a fallback for Ingestion__Alpaca__KeyId/SecretKey (Key Vault in Azure).
        "APCA_API_KEY_ID", "APCA_API_SECRET_KEY",
        // The local host's listening address, and its own start-up behaviour (demo watchlist, runs at start, in-process schedules).
        "urls", "ASPNETCORE_URLS", "LocalHost__DemoWatchlist", "LocalHost__RunOnStart", "LocalHost__Schedules",
        // The tick bridge's sink (the Functions app defaults to Event Hubs) and its tuning knobs (defaults right in Azure).
        "Ticks__Bridge__Sink", "Ticks__Bridge__MaxBatchMessages", "Ticks__Bridge__MaxBatchDelay", "Ticks__Bridge__InitialReconnectDelay",
        "Ticks__Bridge__MaxReconnectDelay", "Ticks__Bridge__RepairFromRest", "Ticks__Bridge__RepairDelay",
        // Where the local host finds the built dashboard; in Azure a Static Web App serves it.
        "Dashboard__Path",
        // The live stream's tuning (heartbeat, buffers, a stream's age limit): the defaults are right in Azure, where the
        // age limit already ends a stream before the function timeout.
        "Api__Stream",
        // No broker connection by default: an operator adds Brokers__Connections__{name}__Venue (and __Environment,
        // __AccountNumber, __RedirectUri as the venue needs) app settings for each one; its credentials go through
        // PUT /api/brokers/{name}/credentials into Key Vault.
        "Brokers__Connections",
    };

    /// <summary>
    /// Set in Azure, read by the platform rather than by our code: the Functions host, the App Insights SDK,
    /// DefaultAzureCredential (AZURE_CLIENT_ID) and host.json overrides.
    /// </summary>
    public static readonly IReadOnlySet<string> Platform = new HashSet<string>(StringComparer.Ordinal)
    {
        "AzureWebJobsStorage__accountName", "AzureWebJobsStorage__credential", "AzureWebJobsStorage__clientId",
        "APPLICATIONINSIGHTS_CONNECTION_STRING", "APPLICATIONINSIGHTS_AUTHENTICATION_STRING",
        "AZURE_CLIENT_ID",
    };

    /// <summary>Prefix of Functions host configuration overrides (<c>AzureFunctionsJobHost__path__to__setting</c> replaces host.json values).</summary>
    public const string HostOverridePrefix = "AzureFunctionsJobHost__";

    /// <summary>
    /// Agreed in settings.md and set in Bicep, but read by code that is still being written (the Functions app and its
    /// host.json). An entry here is only tolerated, never required; <see cref="Run"/> lists the entries the code now
    /// reads so that they can be deleted.
    /// </summary>
    public static readonly IReadOnlySet<string> AgreedNotYetRead = new HashSet<string>(StringComparer.Ordinal)
    {
    };

    public const string PosixHook = "infra/hooks/postprovision.sh";
    public const string WindowsHook = "infra/hooks/postprovision.ps1";

    /// <summary>
    /// The postprovision hooks write local.settings.json: each name must be an Azure setting or a local-only one, and
    /// the shell and PowerShell twins must write the same names.
    /// </summary>
    public static List<string> HookProblems(InfraSources infra)
    {
        var problems = new List<string>();
        var bicep = BicepAppSettings(infra);
        var posix = HookNames(infra, PosixHook, @"^\s*""([A-Za-z_][A-Za-z0-9_]*)""\s*:");
        var windows = HookNames(infra, WindowsHook, @"^\s*([A-Za-z_][A-Za-z0-9_]*)\s*=");
        posix.Remove("IsEncrypted");
        posix.Remove("Values");
        windows.ExceptWith(["IsEncrypted", "Values", "ErrorActionPreference"]);
        foreach (var name in posix.Where(n => !bicep.Contains(n) && !LocalOnly.Contains(n)))
        {
            problems.Add($"{PosixHook} writes '{name}', neither an app setting in {InfraSources.FunctionBicep} nor a local-only setting");
        }

        foreach (var name in posix.Except(windows))
        {
            problems.Add($"{PosixHook} writes '{name}' but {WindowsHook} does not");
        }

        foreach (var name in windows.Except(posix))
        {
            problems.Add($"{WindowsHook} writes '{name}' but {PosixHook} does not");
        }

        return problems;
    }

    private static HashSet<string> HookNames(InfraSources infra, string path, string pattern)
    {
        var text = infra.Files.TryGetValue(path, out var t) ? t : throw new InvalidOperationException($"{path} is missing");
        var regex = new System.Text.RegularExpressions.Regex(pattern, System.Text.RegularExpressions.RegexOptions.Multiline);
        return regex.Matches(text).Select(m => m.Groups[1].Value).Where(n => n.Contains('_', StringComparison.Ordinal) || char.IsUpper(n[0])).ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>The app setting names any azd environment deploys (the backends set different ones).</summary>
    public static SortedSet<string> BicepAppSettings(InfraSources infra) =>
        new(AppSettingsProperties(infra).Select(p => p.Key), StringComparer.Ordinal);

    /// <summary>Every environment's app settings, name and evaluated value (an ARM expression where only Azure knows it).</summary>
    public static List<KeyValuePair<string, string>> AppSettingsProperties(InfraSources infra)
    {
        var result = new List<KeyValuePair<string, string>>();
        foreach (var snapshot in infra.Snapshots)
        {
            var settings = snapshot.AppSettings;
            if (settings.Count == 0)
            {
                throw new InvalidOperationException($"the '{snapshot}' deployment has no Microsoft.Web/sites/config 'appsettings' resource ({InfraSources.FunctionBicep})");
            }

            result.AddRange(settings);
        }

        return result;
    }

    /// <summary>Problems, one line each; empty when code and Bicep agree. <paramref name="notes"/> receives stale list entries.</summary>
    public static List<string> Run(InfraSources infra, CodeSettings code, List<string>? notes = null)
    {
        var problems = new List<string>();
        var bicep = BicepAppSettings(infra);

        foreach (var (name, sources) in code.Settings)
        {
            if (!bicep.Contains(name) && !LocalOnly.Contains(name))
            {
                problems.Add($"the code reads '{name}' ({string.Join(", ", sources)}) but {InfraSources.FunctionBicep} does not set it (set it, or add it to SettingsCheck.LocalOnly with the reason)");
            }
        }

        foreach (var name in bicep)
        {
            var explained = code.Settings.ContainsKey(name)
                || Platform.Contains(name)
                || name.StartsWith(HostOverridePrefix, StringComparison.Ordinal)
                || code.ConnectionPrefixes.Any(p => name.StartsWith(p + "__", StringComparison.Ordinal))
                || AgreedNotYetRead.Contains(name);
            if (!explained)
            {
                problems.Add($"{InfraSources.FunctionBicep} sets '{name}' but no code, host.json or local.settings.sample.json reads it");
            }

            if (LocalOnly.Contains(name))
            {
                problems.Add($"{InfraSources.FunctionBicep} sets '{name}', which SettingsCheck.LocalOnly says must not be set in Azure");
            }
        }

        foreach (var name in code.SampleSettings)
        {
            if (!bicep.Contains(name) && !LocalOnly.Contains(name))
            {
                problems.Add($"local.settings.sample.json has '{name}' but {InfraSources.FunctionBicep} does not set it");
            }
        }

        notes?.AddRange(AgreedNotYetRead.Where(n => code.Settings.ContainsKey(n) || code.ConnectionPrefixes.Any(p => n.StartsWith(p + "__", StringComparison.Ordinal)))
            .Select(n => $"'{n}' is read by the code now: remove it from SettingsCheck.AgreedNotYetRead"));
        return problems;
    }
}
