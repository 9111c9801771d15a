using MarketIntel.Infrastructure.Tests.Bicep;
using MarketIntel.Infrastructure.Tests.Checks;

namespace MarketIntel.Infrastructure.Tests;

/// <summary>
/// Each check can fail: the real files with one deliberate defect must produce a problem naming it. Without these, a
/// reader that silently matched nothing would make the consistency tests pass on anything.
/// </summary>
public sealed class CheckMutationTests
{
    private static readonly InfraSources Infra = InfraSources.Load();

    private static string Replace(string text, string from, string to)
    {
        Assert.True(text.Contains(from, StringComparison.Ordinal), $"mutation anchor not found: {from}");
        return text.Replace(from, to, StringComparison.Ordinal);
    }

    private static CodeSettings Code(params (string Path, string Text)[] files) =>
        new(files.ToDictionary(f => f.Path, f => f.Text, StringComparer.Ordinal));

    [Fact]
    public void BicepAppSettings_AreReadFromEveryCombinedVariable()
    {
        var settings = SettingsCheck.BicepAppSettings(Infra);
        Assert.Contains("AzureWebJobsStorage__blobServiceUri", settings);
        Assert.Contains("CosmosDb__Endpoint", settings);
        Assert.Contains("DURABLE_TASK_SCHEDULER_CONNECTION_STRING", settings);
        Assert.Contains("AzureFunctionsJobHost__extensions__durableTask__storageProvider__type", settings);
    }

    [Fact]
    public void Settings_CodeReadsAKeyBicepLacks_IsReported()
    {
        var code = Code(("functions/X/Settings.cs", "public const string Batch = \"Pipeline:NewKnob\";"));
        var problems = SettingsCheck.Run(Infra, code);
        Assert.Contains(problems, p => p.Contains("'Pipeline__NewKnob'", StringComparison.Ordinal) && p.Contains("Settings.cs", StringComparison.Ordinal));
    }

    [Fact]
    public void Settings_BicepSetsAKeyNothingReads_IsReported()
    {
        var infra = Infra.With(InfraSources.FunctionBicep, t => Replace(t, "  Api__Owner: 'default'\n", "  Api__Owner: 'default'\n  Api__Bogus: 'x'\n"));
        var problems = SettingsCheck.Run(infra, CodeSettings.Load());
        Assert.Contains(problems, p => p.Contains("sets 'Api__Bogus'", StringComparison.Ordinal));
    }

    [Fact]
    public void Settings_RemovedFromBicep_IsReported()
    {
        var infra = Infra.With(InfraSources.FunctionBicep, t => Replace(t, "  CosmosDb__Endpoint: cosmosEndpoint\n", ""));
        var problems = SettingsCheck.Run(infra, CodeSettings.Load());
        Assert.Contains(problems, p => p.Contains("reads 'CosmosDb__Endpoint'", StringComparison.Ordinal));
    }

    [Fact]
    public void Settings_LocalOnlySettingInBicep_IsReported()
    {
        var infra = Infra.With(InfraSources.FunctionBicep, t => Replace(t, "  Api__Owner: 'default'\n", "  Api__Owner: 'default'\n  FUNCTIONS_WORKER_RUNTIME: 'dotnet-isolated'\n"));
        var problems = SettingsCheck.Run(infra, Code(("local.settings.sample.json", "{\"Values\":{\"FUNCTIONS_WORKER_RUNTIME\":\"dotnet-isolated\"}}")));
        Assert.Contains(problems, p => p.Contains("'FUNCTIONS_WORKER_RUNTIME', which SettingsCheck.LocalOnly", StringComparison.Ordinal));
    }

    [Fact]
    public void Settings_SampleSettingMissingFromBicep_IsReported()
    {
        var code = Code(("local.settings.sample.json", "{\"IsEncrypted\":false,\"Values\":{\"Pipeline__Shiny\":\"1\"}}"));
        var problems = SettingsCheck.Run(Infra, code);
        Assert.Contains(problems, p => p.Contains("local.settings.sample.json has 'Pipeline__Shiny'", StringComparison.Ordinal));
    }

    [Fact]
    public void CodeSettings_FindsTriggerExpressionsBindingsAndConnections()
    {
        var code = Code(
            ("functions/F/Timers.cs", "[TimerTrigger(\"%IngestSchedule%\")] [EventHubTrigger(\"%TicksEventHubName%\", Connection = \"TicksEventHub\")]"),
            ("functions/F/Opts.cs", "public sealed record WidgetOptions { public int Size { get; init; } = 3; public string Name { get; set; } = \"\"; }"),
            ("functions/F/Program.cs", "services.Configure<WidgetOptions>(builder.Configuration.GetSection(\"Widget\")); var u = configuration[\"urls\"];"),
            ("functions/F/Keys.cs", "public static class Keys { public const string Scan = \"ScanSchedule\"; }"),
            ("host.json", "{\"extensions\":{\"durableTask\":{\"hubName\":\"%TASKHUB_NAME%\",\"storageProvider\":{\"connectionStringName\":\"DURABLE_TASK_SCHEDULER_CONNECTION_STRING\"}}}}"));
        Assert.Equal(
            ["DURABLE_TASK_SCHEDULER_CONNECTION_STRING", "IngestSchedule", "ScanSchedule", "TASKHUB_NAME", "TicksEventHubName", "Widget__Name", "Widget__Size", "urls"],
            code.Settings.Keys);
        Assert.Equal(["TicksEventHub"], code.ConnectionPrefixes);
    }

    [Fact]
    public void Hooks_WriteOnlyKnownSettings_AndTheTwinsAgree()
    {
        Assert.Empty(SettingsCheck.HookProblems(Infra));
        var infra = Infra.With(SettingsCheck.PosixHook, t => Replace(t, "\"Api__Owner\": \"default\"", "\"Api__Owner\": \"default\",\n    \"Api__Typo\": \"x\""));
        var problems = SettingsCheck.HookProblems(infra);
        Assert.Contains(problems, p => p.Contains("'Api__Typo'", StringComparison.Ordinal) && p.Contains("neither", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("'Api__Typo'", StringComparison.Ordinal) && p.Contains(SettingsCheck.WindowsHook, StringComparison.Ordinal));
    }

    [Fact]
    public void Cosmos_TtlDiffers_IsReported()
    {
        var infra = Infra.With(InfraSources.CosmosBicep, t => Replace(t, "{ name: 'runs', partitionKeyPath: '/pk', defaultTtl: -1,", "{ name: 'runs', partitionKeyPath: '/pk', defaultTtl: null,"));
        var problems = CosmosCheck.Run(infra, Repository.Read(CosmosCheck.AdapterPath));
        Assert.Contains(problems, p => p.StartsWith("container 'runs'", StringComparison.Ordinal) && p.Contains("TTL -1", StringComparison.Ordinal));
    }

    [Fact]
    public void Cosmos_PartitionKeyDiffers_IsReported()
    {
        var infra = Infra.With(InfraSources.CosmosBicep, t => Replace(t, "{ name: 'bars', partitionKeyPath: '/pk',", "{ name: 'bars', partitionKeyPath: '/symbol',"));
        var problems = CosmosCheck.Run(infra, Repository.Read(CosmosCheck.AdapterPath));
        Assert.Contains(problems, p => p.StartsWith("container 'bars'", StringComparison.Ordinal) && p.Contains("/symbol", StringComparison.Ordinal));
    }

    [Fact]
    public void Cosmos_ContainerMissingOrUnused_IsReported()
    {
        var infra = Infra.With(InfraSources.CosmosBicep, t => Replace(t, "{ name: 'paper',", "{ name: 'papers',"));
        var problems = CosmosCheck.Run(infra, Repository.Read(CosmosCheck.AdapterPath));
        Assert.Contains(problems, p => p.Contains("container 'paper' (the adapter uses it) is not declared", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("declares container 'papers'", StringComparison.Ordinal));
    }

    [Fact]
    public void Cosmos_AdapterChangesItsTtl_IsReported()
    {
        var adapter = Replace(Repository.Read(CosmosCheck.AdapterPath), "ContainersWithTimeToLive.Contains(name) ? -1 : null", "ContainersWithTimeToLive.Contains(name) ? 3600 : null");
        var problems = CosmosCheck.Run(Infra, adapter);
        Assert.Contains(problems, p => p.StartsWith("container 'events'", StringComparison.Ordinal) && p.Contains("TTL 3600", StringComparison.Ordinal));
    }

    [Fact]
    public void Cosmos_ResourceIgnoringTheTtlField_IsReported()
    {
        var infra = Infra.With(InfraSources.CosmosBicep, t => Replace(t, "container.defaultTtl == null ? {} : { defaultTtl: container.defaultTtl }", "{}"));
        var problems = CosmosCheck.Run(infra, Repository.Read(CosmosCheck.AdapterPath));
        Assert.Contains(problems, p => p.Contains("does not use container.defaultTtl", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("infra/app/cosmos.bicep", "resource identityDataContributor", "Cosmos DB reads and writes")]
    [InlineData("infra/app/cosmos.bicep", "resource userDataContributor", "Cosmos DB for the deploying user")]
    [InlineData("infra/app/storage.bicep", "resource identityBlobDataOwner", "Functions host storage")]
    [InlineData("infra/app/storage.bicep", "resource identityQueueDataContributor", "backend queues")]
    [InlineData("infra/app/storage.bicep", "resource identityTableDataContributor", "backend tables")]
    [InlineData("infra/app/eventhubs.bicep", "resource identityReceiver", "tick trigger")]
    [InlineData("infra/app/eventhubs.bicep", "resource identitySender", "tick publishing")]
    [InlineData("infra/app/dts.bicep", "resource identityDataContributor", "Durable Task Scheduler")]
    [InlineData("infra/app/keyvault.bicep", "resource identitySecretsUser", "Key Vault references")]
    [InlineData("infra/app/monitoring.bicep", "resource identityMetricsPublisher", "telemetry with Entra auth")]
    public void Roles_MissingAssignment_IsReported(string file, string declaration, string operation)
    {
        // Renaming the type to a non-assignment hides the resource from the check, as deleting it would.
        var infra = Infra.With(file, t =>
        {
            var start = t.IndexOf(declaration, StringComparison.Ordinal);
            Assert.True(start >= 0, declaration);
            var quote = t.IndexOf('\'', start);
            var at = t.IndexOf('@', quote);
            return string.Concat(t.AsSpan(0, quote + 1), "Microsoft.Fake/removed", t.AsSpan(at));
        });
        var problems = RoleCheck.Coverage(infra);
        Assert.Contains(problems, p => p.Contains(operation, StringComparison.Ordinal));
    }

    [Fact]
    public void Roles_AssignedToTheWrongPrincipal_IsReported()
    {
        var infra = Infra.With("infra/app/dts.bicep", t => Replace(t,
            "roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', durableTaskDataContributor)\n    principalId: identityPrincipalId",
            "roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', durableTaskDataContributor)\n    principalId: principalId"));
        Assert.Contains(RoleCheck.Coverage(infra), p => p.Contains("Durable Task Scheduler", StringComparison.Ordinal));
    }

    [Fact]
    public void Roles_ModuleGivenAnotherIdentity_IsReported()
    {
        var infra = Infra.With(InfraSources.MainBicep, t => Replace(t,
            "    namespaceName: '${abbrs.eventHubNamespaces}${resourceToken}'\n    location: location\n    tags: tags\n    sku: eventHubsSku\n    hubName: ticksHubName\n    consumerGroupName: ticksConsumerGroup\n    identityPrincipalId: identity.outputs.principalId",
            "    namespaceName: '${abbrs.eventHubNamespaces}${resourceToken}'\n    location: location\n    tags: tags\n    sku: eventHubsSku\n    hubName: ticksHubName\n    consumerGroupName: ticksConsumerGroup\n    identityPrincipalId: principalId"));
        Assert.Contains(RoleCheck.Coverage(infra), p => p.Contains("module eventHubs", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("guid(storage.id, identityPrincipalId, storageBlobDataOwner)", "guid(identityPrincipalId, storageBlobDataOwner)", "2 guid arguments")]
    [InlineData("guid(storage.id, identityPrincipalId, storageBlobDataOwner)", "guid(resourceGroup().id, identityPrincipalId, storageBlobDataOwner)", "is not its scope")]
    [InlineData("guid(storage.id, identityPrincipalId, storageBlobDataOwner)", "guid(storage.id, principalId, storageBlobDataOwner)", "is not its principalId")]
    [InlineData("guid(storage.id, identityPrincipalId, storageBlobDataOwner)", "guid(storage.id, identityPrincipalId, storageBlobDataContributor)", "is not its role definition")]
    [InlineData("guid(storage.id, identityPrincipalId, storageBlobDataOwner)", "'blob-owner'", "is not guid(scope, principal, role)")]
    public void RoleNames_NotGuidOfScopePrincipalRole_IsReported(string from, string to, string expected)
    {
        var infra = Infra.With("infra/app/storage.bicep", t => Replace(t, from, to));
        Assert.Contains(RoleCheck.Naming(infra), p => p.Contains("identityBlobDataOwner", StringComparison.Ordinal) && p.Contains(expected, StringComparison.Ordinal));
    }

    [Fact]
    public void RoleNames_CosmosSqlAssignmentUsesParentAsScope()
    {
        var infra = Infra.With(InfraSources.CosmosBicep, t => Replace(t, "name: guid(account.id, principalId, cosmosDataContributor)", "name: guid(database.id, principalId, cosmosDataContributor)"));
        Assert.Contains(RoleCheck.Naming(infra), p => p.Contains("userDataContributor", StringComparison.Ordinal) && p.Contains("is not its scope 'account.id'", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("infra/app/storage.bicep", "allowSharedKeyAccess: false", "allowSharedKeyAccess:   true", "shared keys enabled")]
    [InlineData("infra/app/cosmos.bicep", "disableLocalAuth: true", "disableLocalAuth: false", "local (key) auth enabled")]
    [InlineData("infra/app/storage.bicep", "output name string = storage.name", "output key string = storage.listKeys().keys[0].value", "listKeys(")]
    [InlineData("infra/app/function.bicep", "AZURE_CLIENT_ID: identityClientId", "AZURE_CLIENT_ID: identityClientId\n  X: 'DefaultEndpointsProtocol=https;AccountName=a;AccountKey=abc'", "AccountKey=")]
    [InlineData("infra/app/function.bicep", "AZURE_CLIENT_ID: identityClientId", "AZURE_CLIENT_ID: identityClientId\n  Y: 'Endpoint=sb://x/;SharedAccessKeyName=n;SharedAccessKey=k'", "SharedAccessKey=")]
    [InlineData("infra/app/keyvault.bicep", "param polygonApiKey string", "param polygonApiKey string = 'pk_live_12345'", "@secure() parameter with a default")]
    [InlineData("infra/app/function.bicep", "AZURE_CLIENT_ID: identityClientId", "AZURE_CLIENT_ID: identityClientId\n  Z: 'C2y6yDjf5/R+ob0N8A7Cgv30VRDJIWEHLM+4QDU5DE2nQ9nDuVTqobD4b8mGGyPMbIZnqyMsEcaGQy67XIw/Jw=='", "key-like base64")]
    [InlineData("infra/app/function.bicep", "'@Microsoft.KeyVault(SecretUri=${keyVaultUri}secrets/polygon-api-key)'", "'plain-text-key'", "'Ingestion__Polygon__ApiKey' holds a secret")]
    public void Forbidden_PatternPresent_IsReported(string file, string from, string to, string expected)
    {
        var infra = Infra.With(file, t => Replace(t, from, to));
        Assert.Contains(ForbiddenCheck.Run(infra), p => p.StartsWith(file, StringComparison.Ordinal) && p.Contains(expected, StringComparison.Ordinal));
    }

    [Fact]
    public void Forbidden_PatternInACommentOnly_IsNotReported()
    {
        var infra = Infra.With("infra/app/storage.bicep", t => t + "\n// never: allowSharedKeyAccess: true or listKeys()\n");
        Assert.Empty(ForbiddenCheck.Run(infra));
    }

    [Theory]
    [InlineData(InfraSources.AzureYaml, "project: ./functions/MarketIntel.Dashboard", "project: ./dashboard", "services.dashboard.project")]
    [InlineData(InfraSources.AzureYaml, "    host: function", "    host: containerapp", "services.api.host")]
    [InlineData(InfraSources.AzureYaml, "run: ./infra/hooks/postprovision.sh", "run: ./infra/hooks/missing.sh", "missing.sh does not exist")]
    [InlineData(InfraSources.Parameters, "${AZURE_LOCATION}", "eastus", "location is 'eastus'")]
    [InlineData(InfraSources.Parameters, "${AZURE_PRINCIPAL_ID}", "", "principalId is ''")]
    [InlineData(InfraSources.MainBicep, "tags: union(tags, { 'azd-service-name': 'api' })", "tags: tags", "not tagged 'azd-service-name': 'api'")]
    [InlineData(InfraSources.MainBicep, "param environmentName string", "param environmentName string\nparam required string", "parameter 'required' has no default")]
    public void Azd_Misconfigured_IsReported(string file, string from, string to, string expected)
    {
        var infra = Infra.With(file, t => Replace(t, from, to));
        Assert.Contains(AzdCheck.Run(infra, Repository.Exists), p => p.Contains(expected, StringComparison.Ordinal));
    }

    [Fact]
    public void BicepFile_ReadsLoopsConditionsAndNestedStrings()
    {
        var file = BicepFile.Parse("t.bicep", """
            var x = 'a${'}'}b' // a comment with { brace
            resource r 'Microsoft.Authorization/roleAssignments@2022-04-01' = if (!empty(principalId)) {
              name: guid(s.id, p, r1)
              scope: s
              properties: {
                principalId: p
              }
            }
            resource c 'A/b@1' = [
              for item in items: {
                name: item
              }
            ]
            """);
        Assert.Equal("'a${'}'}b'", file.Variables["x"]);
        Assert.Equal("!empty(principalId)", file.Resources[0].Condition);
        Assert.Equal("p", file.Resources[0].Body.Get("properties.principalId"));
        Assert.Equal("s", file.Resources[0].ScopeSymbol);
        Assert.Equal("for item in items", file.Resources[1].Loop);
        Assert.Equal("item", file.Resources[1].Body["name"]);
    }
}
