using System.Text.Json.Nodes;
using MarketIntel.Infrastructure.Tests.Arm;
using MarketIntel.Infrastructure.Tests.Checks;

namespace MarketIntel.Infrastructure.Tests;

/// <summary>
/// Each check can fail: the real compiled infrastructure with one deliberate defect (in a deployment snapshot, in the
/// compiled template, in a file, or in the Bicep recompiled) must produce a problem naming it. Without these, a reader
/// that silently matched nothing would make the consistency tests pass on anything.
/// </summary>
public sealed class CheckMutationTests
{
    private static readonly InfraSources Infra = InfraSources.Load();
    private static readonly AzdEnvironment Default = AzdEnvironment.Default;

    private static string Replace(string text, string from, string to)
    {
        Assert.True(text.Contains(from, StringComparison.Ordinal), $"mutation anchor not found: {from}");
        return text.Replace(from, to, StringComparison.Ordinal);
    }

    private static CodeSettings Code(params (string Path, string Text)[] files) =>
        new(files.ToDictionary(f => f.Path, f => f.Text, StringComparer.Ordinal));

    private static InfraSources InEveryDeployment(Action<JsonObject> change) =>
        AzdEnvironment.All.Aggregate(Infra, (infra, e) => infra.WithSnapshot(e, change));

    [Fact]
    public void BicepAppSettings_AreTheUnionOfEveryDeployment()
    {
        var settings = SettingsCheck.BicepAppSettings(Infra);
        Assert.Contains("AzureWebJobsStorage__accountName", settings);
        Assert.Contains("CosmosDb__Endpoint", settings);
        // Only the scheduler environment sets it.
        Assert.Contains("DURABLE_TASK_SCHEDULER_CONNECTION_STRING", settings);
        Assert.DoesNotContain("DURABLE_TASK_SCHEDULER_CONNECTION_STRING", Infra.Snapshot(Default).AppSettings.Keys);
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
        var infra = Infra.WithSnapshot(Default, s => MutationHelpers.AppSettings(s)["Api__Bogus"] = "x");
        var problems = SettingsCheck.Run(infra, CodeSettings.Load());
        Assert.Contains(problems, p => p.Contains("sets 'Api__Bogus'", StringComparison.Ordinal));
    }

    [Fact]
    public void Settings_RemovedFromBicep_IsReported()
    {
        var infra = InEveryDeployment(s => MutationHelpers.AppSettings(s).Remove("CosmosDb__Endpoint"));
        var problems = SettingsCheck.Run(infra, CodeSettings.Load());
        Assert.Contains(problems, p => p.Contains("reads 'CosmosDb__Endpoint'", StringComparison.Ordinal));
    }

    [Fact]
    public void Settings_LocalOnlySettingInBicep_IsReported()
    {
        var infra = Infra.WithSnapshot(Default, s => MutationHelpers.AppSettings(s)["FUNCTIONS_WORKER_RUNTIME"] = "dotnet-isolated");
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
            ("host.json", "{\"extensions\":{\"durableTask\":{\"hubName\":\"%TASKHUB_NAME%\",\"storageProvider\":{\"connectionName\":\"AzureWebJobsStorage\"}}}}"),
            ("host.scheduler.json", "{\"extensions\":{\"durableTask\":{\"storageProvider\":{\"connectionStringName\":\"DURABLE_TASK_SCHEDULER_CONNECTION_STRING\"}}}}"));
        Assert.Equal(
            ["AzureWebJobsStorage", "DURABLE_TASK_SCHEDULER_CONNECTION_STRING", "IngestSchedule", "ScanSchedule", "TASKHUB_NAME", "TicksEventHubName", "Widget__Name", "Widget__Size", "urls"],
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

    private const string Containers = "Microsoft.DocumentDB/databaseAccounts/sqlDatabases/containers";

    [Fact]
    public void Cosmos_TtlDiffers_IsReported()
    {
        var infra = Infra.WithSnapshot(Default, s => MutationHelpers.OfType(s, Containers, "/runs").Single()["properties"]!["resource"]!.AsObject().Remove("defaultTtl"));
        var problems = CosmosCheck.Run(infra, Repository.Read(CosmosCheck.AdapterPath));
        Assert.Contains(problems, p => p.StartsWith("container 'runs'", StringComparison.Ordinal) && p.Contains("TTL -1", StringComparison.Ordinal) && p.Contains("TTL off", StringComparison.Ordinal));
    }

    [Fact]
    public void Cosmos_PartitionKeyDiffers_IsReported()
    {
        var infra = Infra.WithSnapshot(Default, s => MutationHelpers.OfType(s, Containers, "/bars").Single()["properties"]!["resource"]!["partitionKey"]!["paths"] = new JsonArray("/symbol"));
        var problems = CosmosCheck.Run(infra, Repository.Read(CosmosCheck.AdapterPath));
        Assert.Contains(problems, p => p.StartsWith("container 'bars'", StringComparison.Ordinal) && p.Contains("/symbol", StringComparison.Ordinal));
    }

    [Fact]
    public void Cosmos_ContainerMissingOrUnused_IsReported()
    {
        var infra = Infra.WithSnapshot(Default, s => MutationHelpers.OfType(s, Containers, "/paper").Single()["properties"]!["resource"]!["id"] = "papers");
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

    [Theory]
    [InlineData("default", RoleCheck.CosmosDataContributor, RoleCheck.IdentityPrincipal, "Cosmos DB reads and writes")]
    [InlineData("default", RoleCheck.CosmosDataContributor, RoleCheck.UserPrincipal, "Cosmos DB for the deploying user")]
    [InlineData("default", RoleCheck.BlobDataOwner, RoleCheck.IdentityPrincipal, "Functions host storage")]
    [InlineData("default", RoleCheck.QueueDataContributor, RoleCheck.IdentityPrincipal, "backend queues")]
    [InlineData("default", RoleCheck.TableDataContributor, RoleCheck.IdentityPrincipal, "backend tables")]
    [InlineData("default", RoleCheck.EventHubsDataReceiver, RoleCheck.IdentityPrincipal, "tick trigger")]
    [InlineData("default", RoleCheck.EventHubsDataSender, RoleCheck.IdentityPrincipal, "tick publishing")]
    [InlineData("scheduler", RoleCheck.DurableTaskDataContributor, RoleCheck.IdentityPrincipal, "Durable Task Scheduler")]
    [InlineData("default", RoleCheck.KeyVaultSecretsUser, RoleCheck.IdentityPrincipal, "Key Vault references")]
    [InlineData("default", RoleCheck.MonitoringMetricsPublisher, RoleCheck.IdentityPrincipal, "telemetry with Entra auth")]
    public void Roles_MissingAssignment_IsReported(string environment, string role, string principal, string operation)
    {
        var env = AzdEnvironment.All.Single(e => e.Name == environment);
        var infra = Infra.WithSnapshot(env, s => MutationHelpers.RemoveAssignments(s, role, principal, env));
        Assert.Contains(RoleCheck.Coverage(infra), p => p.StartsWith(environment + " deployment", StringComparison.Ordinal) && p.Contains(operation, StringComparison.Ordinal));
    }

    [Fact]
    public void Roles_AssignedToTheWrongPrincipal_IsReported()
    {
        var env = AzdEnvironment.Scheduler;
        var infra = Infra.WithSnapshot(env, s => MutationHelpers.Assignments(s, RoleCheck.DurableTaskDataContributor, RoleCheck.IdentityPrincipal, env)
            .ForEach(a => a["properties"]!["principalId"] = "22222222-2222-2222-2222-222222222222"));
        Assert.Contains(RoleCheck.Coverage(infra), p => p.Contains("Durable Task Scheduler", StringComparison.Ordinal));
    }

    [Fact]
    public void Roles_OnAnotherAccountThanTheSettingNames_IsReported()
    {
        var infra = Infra.WithSnapshot(Default, s => MutationHelpers.AppSettings(s)["AzureWebJobsStorage__accountName"] = "stother");
        Assert.Contains(RoleCheck.Coverage(infra), p => p.Contains("Functions host storage", StringComparison.Ordinal) && p.Contains("/storageAccounts/stother", StringComparison.Ordinal));
    }

    [Fact]
    public void Roles_AppRunningAsAnotherIdentity_IsReported()
    {
        // The modules' assignments then go to an identity the app does not use.
        var infra = Infra.WithSnapshot(Default, s =>
        {
            var identities = MutationHelpers.OfType(s, "Microsoft.Web/sites").Single()["identity"]!["userAssignedIdentities"]!.AsObject();
            identities.Clear();
            identities["/subscriptions/x/resourceGroups/y/providers/Microsoft.ManagedIdentity/userAssignedIdentities/other"] = new JsonObject();
        });
        Assert.Contains(RoleCheck.Coverage(infra), p => p.Contains("Cosmos DB reads and writes", StringComparison.Ordinal));
    }

    public static TheoryData<string, string> ExpressionNameMutations => new()
    {
        { "drop-scope", "has 2 guid arguments" },
        { "resource-group-scope", "guid argument 1" },
        { "user-principal", "guid argument 2" },
        { "other-role", "guid argument 3" },
        { "literal", "is not guid(scope, principal, role)" },
    };

    [Theory]
    [MemberData(nameof(ExpressionNameMutations))]
    public void RoleNames_ExpressionNotGuidOfScopePrincipalRole_IsReported(string mutation, string expected)
    {
        var infra = Infra.WithSnapshot(Default, s =>
        {
            var assignment = MutationHelpers.Assignments(s, RoleCheck.BlobDataOwner, RoleCheck.IdentityPrincipal, Default).Single();
            var name = (string)assignment["name"]!;
            var args = ArmExpression.Arguments(name, "guid")!;
            var scope = ArmExpression.Literal(args[0])!;
            var resourceGroup = scope[..scope.IndexOf("/providers/", StringComparison.Ordinal)];
            assignment["name"] = mutation switch
            {
                "drop-scope" => $"[guid({args[1]}, {args[2]})]",
                "resource-group-scope" => $"[guid('{resourceGroup}', {args[1]}, {args[2]})]",
                "user-principal" => $"[guid({args[0]}, '{AzdEnvironment.PrincipalId}', {args[2]})]",
                "other-role" => $"[guid({args[0]}, {args[1]}, '{RoleCheck.BlobDataContributor}')]",
                _ => "blob-owner",
            };
        });
        Assert.Contains(RoleCheck.Naming(infra), p => p.Contains(expected, StringComparison.Ordinal));
    }

    [Fact]
    public void RoleNames_EvaluatedGuidOverAnotherScope_IsReported()
    {
        var infra = Infra.WithSnapshot(Default, s =>
        {
            var assignment = MutationHelpers.Assignments(s, RoleCheck.BlobDataContributor, RoleCheck.UserPrincipal, Default).Single();
            assignment["name"] = ArmGuid.Create("/subscriptions/00000000-0000-0000-0000-0000000000aa/resourceGroups/rg-test", AzdEnvironment.PrincipalId, RoleCheck.BlobDataContributor).ToString();
        });
        Assert.Contains(RoleCheck.Naming(infra), p => p.Contains(RoleCheck.BlobDataContributor, StringComparison.Ordinal) && p.Contains("is not guid(", StringComparison.Ordinal));
    }

    [Fact]
    public void RoleNames_CosmosSqlAssignmentOverTheDatabase_IsReported()
    {
        var infra = Infra.WithSnapshot(Default, s =>
        {
            var assignment = MutationHelpers.Assignments(s, RoleCheck.CosmosDataContributor, RoleCheck.UserPrincipal, Default).Single();
            var scope = (string)assignment["properties"]!["scope"]!;
            var account = ((string)assignment["name"]!).Split('/')[0];
            assignment["name"] = $"{account}/{ArmGuid.Create(scope + "/sqlDatabases/marketintel", AzdEnvironment.PrincipalId, RoleCheck.CosmosDataContributor)}";
        });
        Assert.Contains(RoleCheck.Naming(infra), p => p.Contains("sqlRoleAssignments", StringComparison.Ordinal) && p.Contains("is not guid(", StringComparison.Ordinal));
    }

    [Fact]
    public void Forbidden_PatternsInTheCompiledTemplate_AreReported()
    {
        var infra = Infra.WithTemplate(root =>
        {
            var outputs = root["outputs"]!.AsObject();
            outputs["key"] = new JsonObject { ["type"] = "string", ["value"] = "[listKeys(resourceId('Microsoft.Storage/storageAccounts', 'x'), '2023-05-01').keys[0].value]" };
            outputs["conn"] = new JsonObject { ["type"] = "string", ["value"] = "DefaultEndpointsProtocol=https;AccountName=a;AccountKey=abc" };
            outputs["sas"] = new JsonObject { ["type"] = "string", ["value"] = "Endpoint=sb://x/;SharedAccessKeyName=n;SharedAccessKey=k" };
            outputs["b64"] = new JsonObject { ["type"] = "string", ["value"] = "C2y6yDjf5/R+ob0N8A7Cgv30VRDJIWEHLM+4QDU5DE2nQ9nDuVTqobD4b8mGGyPMbIZnqyMsEcaGQy67XIw/Jw==" };
        });
        var problems = ForbiddenCheck.Run(infra);
        foreach (var why in new[] { "listKeys(", "AccountKey=", "SharedAccessKey=", "key-like base64" })
        {
            Assert.Contains(problems, p => p.StartsWith("compiled " + InfraSources.MainBicep, StringComparison.Ordinal) && p.Contains(why, StringComparison.Ordinal));
        }
    }

    [Fact]
    public void Forbidden_SecureParameterWithADefault_IsReported()
    {
        var infra = Infra.WithTemplate(root =>
        {
            var keyVault = new ArmTemplate(root).Templates.Single(t => t.Deployment == "keyvault").Template;
            keyVault["parameters"]!["polygonApiKey"]!["defaultValue"] = "pk_live_12345";
        });
        Assert.Contains(ForbiddenCheck.Run(infra), p => p.Contains("module keyvault: a @secure() parameter with a default value: polygonApiKey", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("Microsoft.Storage/storageAccounts", "allowSharedKeyAccess", "true", "allowSharedKeyAccess must be false (is true)")]
    [InlineData("Microsoft.Storage/storageAccounts", "allowSharedKeyAccess", null, "allowSharedKeyAccess must be false (is unset)")]
    [InlineData("Microsoft.DocumentDB/databaseAccounts", "disableLocalAuth", "false", "disableLocalAuth must be true")]
    [InlineData("Microsoft.EventHub/namespaces", "disableLocalAuth", null, "disableLocalAuth must be true (is unset)")]
    [InlineData("Microsoft.Insights/components", "DisableLocalAuth", "false", "DisableLocalAuth must be true")]
    public void Forbidden_KeyAccessEnabledOrLeftAtItsDefault_IsReported(string type, string property, string? value, string expected)
    {
        var infra = Infra.WithSnapshot(Default, s =>
        {
            var properties = MutationHelpers.OfType(s, type).Single()["properties"]!.AsObject();
            properties.Remove(property);
            if (value is not null)
            {
                properties[property] = bool.Parse(value);
            }
        });
        Assert.Contains(ForbiddenCheck.Run(infra), p => p.StartsWith("default deployment", StringComparison.Ordinal) && p.Contains(expected, StringComparison.Ordinal));
    }

    [Fact]
    public void Forbidden_SecretAppSettingInPlainText_IsReported()
    {
        var infra = Infra.WithSnapshot(Default, s => MutationHelpers.AppSettings(s)["Ingestion__Polygon__ApiKey"] = "plain-text-key");
        Assert.Contains(ForbiddenCheck.Run(infra), p => p.Contains("'Ingestion__Polygon__ApiKey' holds a secret", StringComparison.Ordinal));
    }

    [Fact]
    public void Forbidden_KeyInAHookScript_IsReported()
    {
        var infra = Infra.With(SettingsCheck.PosixHook, t => t + "\nexport X='DefaultEndpointsProtocol=https;AccountName=a;AccountKey=abc'\n");
        Assert.Contains(ForbiddenCheck.Run(infra), p => p.StartsWith(SettingsCheck.PosixHook, StringComparison.Ordinal) && p.Contains("AccountKey=", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(InfraSources.AzureYaml, "project: ./functions/MarketIntel.Dashboard", "project: ./dashboard", "services.dashboard.project")]
    [InlineData(InfraSources.AzureYaml, "    host: function", "    host: containerapp", "services.api.host")]
    [InlineData(InfraSources.AzureYaml, "run: ./infra/hooks/postprovision.sh", "run: ./infra/hooks/missing.sh", "missing.sh does not exist")]
    [InlineData(InfraSources.Parameters, "${AZURE_LOCATION}", "eastus", "location is 'eastus'")]
    [InlineData(InfraSources.Parameters, "${AZURE_PRINCIPAL_ID}", "", "principalId is ''")]
    [InlineData(InfraSources.Parameters, "\"marketDataProvider\": {", "\"marketDataSource\": {", "'marketDataSource' is not a parameter")]
    public void Azd_FileMisconfigured_IsReported(string file, string from, string to, string expected)
    {
        var infra = Infra.With(file, t => Replace(t, from, to));
        Assert.Contains(AzdCheck.Run(infra, Repository.Exists), p => p.Contains(expected, StringComparison.Ordinal));
    }

    [Fact]
    public void Azd_ServiceTagMissing_IsReported()
    {
        var infra = Infra.WithSnapshot(Default, s => MutationHelpers.OfType(s, "Microsoft.Web/sites").Single()["tags"]!.AsObject().Remove("azd-service-name"));
        Assert.Contains(AzdCheck.Run(infra, Repository.Exists), p => p.Contains("tagged 'azd-service-name': 'api'", StringComparison.Ordinal));
    }

    [Fact]
    public void Azd_RequiredParameterWithoutValue_IsReported()
    {
        var infra = Infra.WithTemplate(root => root["parameters"]!["required"] = new JsonObject { ["type"] = "string" });
        Assert.Contains(AzdCheck.Run(infra, Repository.Exists), p => p.Contains("parameter 'required' has no default", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Bicep_UnknownApiVersion_IsADiagnostic()
    {
        var infra = await Infra.RecompiledWith("infra/app/dts.bicep", t => Replace(t, "'Microsoft.DurableTask/schedulers@2025-11-01'", "'Microsoft.DurableTask/schedulers@2099-01-01'"), snapshot: false);
        Assert.Contains(infra.BuildDiagnostics, d => d.Contains("BCP081", StringComparison.Ordinal) && d.Contains("2099-01-01", StringComparison.Ordinal));
    }

    [Fact]
    public void ArmExpression_SplitsNestedCallsAndQuotedCommas()
    {
        var args = ArmExpression.Arguments("[format('{0}/{1}', 'a,b', guid('x''y', reference('r', '1').principalId, variables('v')))]", "guid");
        Assert.Equal(["'x''y'", "reference('r', '1').principalId", "variables('v')"], args);
        Assert.Equal("x'y", ArmExpression.Literal(args![0]));
        Assert.Null(ArmExpression.Literal(args[1]));
        Assert.Null(ArmExpression.Arguments("[concat('guid(', 'x')]", "guid"));
    }
}
