// The Functions app (service `api`): Flex Consumption (FC1), .NET 10 isolated, code package in a blob container read
// with the user-assigned identity, an always-ready instance for the Durable group, and app settings that are all
// identity-based (the agreed setting names; tests/MarketIntel.Infrastructure.Tests compares them with the code).
param name string
param planName string
param location string
@description('Tags of every resource here; only the site also gets azd-service-name (azd deploys to the one resource tagged with it).')
param tags object
param serviceName string
param identityId string
param identityClientId string
param storageAccountName string
param blobEndpoint string
param deploymentContainerName string
param rawArchiveContainerName string
param artifactsContainerName string
@allowed(['cosmos', 'tables'])
@description('Where bars and results live: Cosmos DB (cosmos) or Azure Tables in the storage account (tables).')
param resultsStore string
@description('Cosmos DB endpoint; empty with the tables results store.')
param cosmosEndpoint string
param cosmosDatabaseName string
@description('The storage account\'s table endpoint (the tables results store).')
param tableEndpoint string
param tablesPrefix string
param eventHubsNamespaceHost string
param ticksHubName string
param ticksConsumerGroup string
@allowed(['AzureStorage', 'DurableTaskScheduler'])
param durableBackend string
param schedulerEndpoint string
param taskHubName string
param applicationInsightsConnectionString string
param keyVaultUri string
param marketDataProvider string
@allowed(['sma-cross', 'ema-cross', 'supertrend-flip', 'donchian-breakout', 'rsi-reversion', 'bb-squeeze', 'volume-surge'])
param scanStrategy string = 'donchian-breakout'
param instanceMemoryMB int
param maximumInstanceCount int
param durableAlwaysReadyInstances int
@description('Run the tick bridge (trade streams to the ticks event hub) in the app: a hosted service on the always-ready instance.')
param tickBridgeEnabled bool
@description('The trade streams the tick bridge holds (comma-separated: simulator, binance, coinbase).')
param tickBridgeStreams string
@description('The symbols the tick bridge streams (comma-separated).')
param tickBridgeSymbols string
param allowedOrigins array

resource plan 'Microsoft.Web/serverfarms@2024-04-01' = {
  name: planName
  location: location
  tags: tags
  kind: 'functionapp'
  sku: {
    name: 'FC1'
    tier: 'FlexConsumption'
  }
  properties: {
    reserved: true
  }
}

resource functionApp 'Microsoft.Web/sites@2024-04-01' = {
  name: name
  location: location
  tags: union(tags, { 'azd-service-name': serviceName })
  kind: 'functionapp,linux'
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: {
      '${identityId}': {}
    }
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    // Key Vault references resolve with this identity (the default would be a system-assigned one, which we do not have).
    keyVaultReferenceIdentity: identityId
    siteConfig: {
      minTlsVersion: '1.2'
      ftpsState: 'Disabled'
      cors: {
        allowedOrigins: union(allowedOrigins, ['https://portal.azure.com'])
        supportCredentials: false
      }
    }
    functionAppConfig: {
      deployment: {
        storage: {
          type: 'blobContainer'
          value: '${blobEndpoint}${deploymentContainerName}'
          authentication: {
            type: 'UserAssignedIdentity'
            userAssignedIdentityResourceId: identityId
          }
        }
      }
      scaleAndConcurrency: {
        alwaysReady: durableAlwaysReadyInstances > 0 ? [
          {
            name: 'durable'
            instanceCount: durableAlwaysReadyInstances
          }
        ] : []
        maximumInstanceCount: maximumInstanceCount
        instanceMemoryMB: instanceMemoryMB
      }
      runtime: {
        name: 'dotnet-isolated'
        version: '10.0'
      }
    }
  }
}

// Host and platform: identity-based AzureWebJobsStorage (account name, credential and the user-assigned identity's client
// id: the documented form that both the Functions host and Durable's Azure Storage backend read for blobs, queues and
// tables), telemetry with Entra auth, the client id for DefaultAzureCredential.
var hostSettings = {
  AzureWebJobsStorage__accountName: storageAccountName
  AzureWebJobsStorage__credential: 'managedidentity'
  AzureWebJobsStorage__clientId: identityClientId
  APPLICATIONINSIGHTS_CONNECTION_STRING: applicationInsightsConnectionString
  APPLICATIONINSIGHTS_AUTHENTICATION_STRING: 'Authorization=AAD;ClientId=${identityClientId}'
  AZURE_CLIENT_ID: identityClientId
  TASKHUB_NAME: taskHubName
}

// Opt-in Durable Task Scheduler, reached over gRPC with the identity; host.scheduler.json (the app built with
// -p:DurableBackend=Scheduler) names this setting. The default backend needs nothing beyond AzureWebJobsStorage.
var schedulerSettings = {
  DURABLE_TASK_SCHEDULER_CONNECTION_STRING: 'Endpoint=${schedulerEndpoint};Authentication=ManagedIdentity;ClientID=${identityClientId}'
}

var appSettingsCommon = {
  IngestSchedule: '0 */1 * * * *'
  ScanSchedule: '0 */5 * * * *'
  OutcomeSchedule: '0 */15 * * * *'
  RetentionSchedule: '0 30 3 * * *'
  TicksEventHubName: ticksHubName
  TicksConsumerGroup: ticksConsumerGroup
  TicksEventHub__fullyQualifiedNamespace: eventHubsNamespaceHost
  TicksEventHub__credential: 'managedidentity'
  TicksEventHub__clientId: identityClientId
  // The tick bridge publishes to the same hub with the same identity (Event Hubs Data Sender, eventhubs.bicep); it runs
  // as a hosted service of the worker, kept alive by the always-ready instance (README "Real time").
  Ticks__Bridge__Enabled: string(tickBridgeEnabled)
  Ticks__Bridge__Streams: tickBridgeStreams
  Ticks__Bridge__Symbols: tickBridgeSymbols
  BlobStorage__ServiceUri: blobEndpoint
  BlobStorage__RawArchiveContainer: rawArchiveContainerName
  BlobStorage__ArtifactsContainer: artifactsContainerName
  Pipeline__Provider: marketDataProvider
  Pipeline__Timeframe: '1m'
  Pipeline__Watchlist: 'default'
  Pipeline__ScanStrategy: scanStrategy
  Pipeline__BatchSize: '25'
  Pipeline__InitialLookbackHours: '48'
  Pipeline__ScanBars: '2000'
  Pipeline__RecentSetupBars: '120'
  Pipeline__MaxParallelActivities: '8'
  Pipeline__RawArchiveRetentionDays: '30'
  Ingestion__Polygon__ApiKey: '@Microsoft.KeyVault(SecretUri=${keyVaultUri}secrets/polygon-api-key)'
  Ingestion__Alpaca__KeyId: '@Microsoft.KeyVault(SecretUri=${keyVaultUri}secrets/alpaca-key-id)'
  Ingestion__Alpaca__SecretKey: '@Microsoft.KeyVault(SecretUri=${keyVaultUri}secrets/alpaca-secret-key)'
  Ingestion__Alpaca__Feed: 'iex'
  // Broker credentials and tokens at rest (written and read by the app's identity; names broker--*).
  Brokers__KeyVaultUri: keyVaultUri
  Api__Owner: 'default'
  Api__MaxBarsPerRequest: '10000'
  Api__MaxWatchlistSymbols: '2000'
  // Off: the bars response cache is invalidated only by writes in its own process, and ingestion runs on any instance.
  Api__BarsCacheMegabytes: '0'
}

// Results (bars and records): Cosmos DB, or Azure Tables in the storage account; Blob holds the raw archive and
// artifacts either way. Only the chosen store's settings are set, each keyless (the identity's data roles).
var cosmosSettings = {
  Storage__Provider: 'Azure'
  CosmosDb__Endpoint: cosmosEndpoint
  CosmosDb__Database: cosmosDatabaseName
}

var tablesSettings = {
  Storage__Provider: 'AzureTables'
  Tables__ServiceUri: tableEndpoint
  Tables__TablePrefix: tablesPrefix
}

resource appSettings 'Microsoft.Web/sites/config@2024-04-01' = {
  parent: functionApp
  name: 'appsettings'
  properties: union(hostSettings, appSettingsCommon, resultsStore == 'tables' ? tablesSettings : cosmosSettings, durableBackend == 'DurableTaskScheduler' ? schedulerSettings : {})
}

output name string = functionApp.name
output uri string = 'https://${functionApp.properties.defaultHostName}'
