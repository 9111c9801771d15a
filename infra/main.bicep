// MarketIntel on Azure: one resource group, one user-assigned identity for every data-plane call, no keys anywhere.
// `azd up` provisions this file (subscription scope) with main.parameters.json, then deploys the `api` and `dashboard`
// services of azure.yaml. tests/MarketIntel.Infrastructure.Tests checks it against the code.
targetScope = 'subscription'

@minLength(1)
@maxLength(64)
@description('azd environment name; names the resource group and seeds the resource token.')
param environmentName string

@minLength(1)
@description('Region of every resource except the Static Web App (Flex Consumption must be available there).')
param location string

@description('Object id of the deploying user or principal (azd sets AZURE_PRINCIPAL_ID); gets data access for the dashboard and debugging. Empty: no user roles.')
param principalId string = ''

@allowed(['User', 'ServicePrincipal', 'Group'])
@description('Kind of principalId (a CI deployment uses ServicePrincipal).')
param principalType string = 'User'

@allowed(['AzureStorage', 'DurableTaskScheduler'])
@description('Durable Functions backend. AzureStorage (default): queues and tables in the AzureWebJobsStorage account, what the app runs when built without options. DurableTaskScheduler (opt-in): provisions a scheduler and task hub; the app must then be built with -p:DurableBackend=Scheduler (host.scheduler.json and the AzureManaged extension).')
param durableBackend string = 'AzureStorage'

@allowed(['cosmos', 'tables'])
@description('Where bars and results live. cosmos (default): a serverless Cosmos DB account. tables: Azure Tables in the storage account, no Cosmos DB account at all (azd env set RESULTS_STORE tables).')
param resultsStore string = 'cosmos'

@allowed(['Basic', 'Standard'])
@description('Event Hubs tier. Basic allows only the $Default consumer group, so the app then reads ticks through $Default.')
param eventHubsSku string = 'Standard'

@allowed(['simulator', 'binance', 'coinbase', 'alpaca', 'polygon'])
@description('Market data provider the scheduled ingestion polls (Pipeline__Provider).')
param marketDataProvider string = 'coinbase'

@allowed([512, 2048, 4096])
@description('Flex Consumption instance memory (MB).')
param instanceMemoryMB int = 2048

@minValue(1)
@maxValue(1000)
@description('Flex Consumption maximum instance count: the cost ceiling under load.')
param maximumInstanceCount int = 40

@minValue(0)
@maxValue(20)
@description('Always-ready instances of the `durable` group (orchestrations start without a cold start). 0 = scale to zero.')
param durableAlwaysReadyInstances int = 1

@description('Run the tick bridge in the Functions app (publishes trades to the ticks event hub).')
param tickBridgeEnabled bool = true

@description('The tick bridge\'s trade streams (comma-separated: simulator, binance, coinbase).')
param tickBridgeStreams string = 'simulator'

@description('The tick bridge\'s symbols (comma-separated).')
param tickBridgeSymbols string = 'BTC-USD,ETH-USD,SOL-USD'

@allowed(['westus2', 'centralus', 'eastus2', 'westeurope', 'eastasia'])
@description('Static Web Apps exist in a few regions only; the dashboard is static content served from the edge anyway.')
param staticWebAppLocation string = 'eastus2'

@description('Purge protection on the Key Vault (cannot be switched off again; a purged environment name is then blocked for the retention period).')
param keyVaultPurgeProtection bool = true

@secure()
@description('Polygon API key, stored as Key Vault secret polygon-api-key when given (or set it later with az keyvault secret set).')
param polygonApiKey string = ''

@secure()
@description('Alpaca key id, stored as Key Vault secret alpaca-key-id when given.')
param alpacaKeyId string = ''

@secure()
@description('Alpaca secret key, stored as Key Vault secret alpaca-secret-key when given.')
param alpacaSecretKey string = ''

var abbrs = loadJsonContent('abbreviations.json')
var resourceToken = toLower(uniqueString(subscription().id, environmentName, location))
var tags = { 'azd-env-name': environmentName }
var taskHubName = 'marketintel'
var ticksHubName = 'ticks'
var ticksConsumerGroup = eventHubsSku == 'Basic' ? '$Default' : 'marketintel'
var deploymentContainerName = 'app-package-${resourceToken}'
var rawArchiveContainerName = 'raw-archive'
var artifactsContainerName = 'artifacts'
// The tick bridge's singleton lease blob (MarketIntelServices.LeaseContainer): one publishing instance on scale-out.
var leasesContainerName = 'leases'
var cosmosDatabaseName = 'marketintel'
var useTables = resultsStore == 'tables'
var tablesPrefix = 'marketintel'
// One table per storage container the adapters use (StorageContainers.All), prefixed.
var resultTableNames = map(['bars', 'snapshots', 'scans', 'analytics', 'paper', 'watchlists', 'checkpoints', 'runs', 'events'], c => '${tablesPrefix}${c}')
var useScheduler = durableBackend == 'DurableTaskScheduler'

resource rg 'Microsoft.Resources/resourceGroups@2024-03-01' = {
  name: '${abbrs.resourcesResourceGroups}${environmentName}'
  location: location
  tags: tags
}

module identity 'app/identity.bicep' = {
  name: 'identity'
  scope: rg
  params: {
    name: '${abbrs.managedIdentityUserAssignedIdentities}${resourceToken}'
    location: location
    tags: tags
  }
}

module monitoring 'app/monitoring.bicep' = {
  name: 'monitoring'
  scope: rg
  params: {
    logAnalyticsName: '${abbrs.operationalInsightsWorkspaces}${resourceToken}'
    applicationInsightsName: '${abbrs.insightsComponents}${resourceToken}'
    location: location
    tags: tags
    identityPrincipalId: identity.outputs.principalId
  }
}

module storage 'app/storage.bicep' = {
  name: 'storage'
  scope: rg
  params: {
    name: '${abbrs.storageStorageAccounts}${resourceToken}'
    location: location
    tags: tags
    containerNames: [deploymentContainerName, rawArchiveContainerName, artifactsContainerName, leasesContainerName]
    identityPrincipalId: identity.outputs.principalId
    durableBackend: durableBackend
    resultsStore: resultsStore
    tableNames: resultTableNames
    principalId: principalId
    principalType: principalType
  }
}

module cosmos 'app/cosmos.bicep' = if (!useTables) {
  name: 'cosmos'
  scope: rg
  params: {
    accountName: '${abbrs.documentDBDatabaseAccounts}${resourceToken}'
    databaseName: cosmosDatabaseName
    location: location
    tags: tags
    identityPrincipalId: identity.outputs.principalId
    principalId: principalId
  }
}

module eventHubs 'app/eventhubs.bicep' = {
  name: 'eventhubs'
  scope: rg
  params: {
    namespaceName: '${abbrs.eventHubNamespaces}${resourceToken}'
    location: location
    tags: tags
    sku: eventHubsSku
    hubName: ticksHubName
    consumerGroupName: ticksConsumerGroup
    identityPrincipalId: identity.outputs.principalId
    principalId: principalId
    principalType: principalType
  }
}

module scheduler 'app/dts.bicep' = if (useScheduler) {
  name: 'durable-task-scheduler'
  scope: rg
  params: {
    name: '${abbrs.durableTaskSchedulers}${resourceToken}'
    location: location
    tags: tags
    taskHubName: taskHubName
    identityPrincipalId: identity.outputs.principalId
    principalId: principalId
    principalType: principalType
  }
}

module keyVault 'app/keyvault.bicep' = {
  name: 'keyvault'
  scope: rg
  params: {
    name: '${abbrs.keyVaultVaults}${resourceToken}'
    location: location
    tags: tags
    purgeProtection: keyVaultPurgeProtection
    identityPrincipalId: identity.outputs.principalId
    principalId: principalId
    principalType: principalType
    polygonApiKey: polygonApiKey
    alpacaKeyId: alpacaKeyId
    alpacaSecretKey: alpacaSecretKey
  }
}

module dashboard 'app/staticwebapp.bicep' = {
  name: 'dashboard'
  scope: rg
  params: {
    name: '${abbrs.webStaticSites}${resourceToken}'
    location: staticWebAppLocation
    tags: union(tags, { 'azd-service-name': 'dashboard' })
  }
}

module api 'app/function.bicep' = {
  name: 'api'
  scope: rg
  params: {
    name: '${abbrs.webSitesFunctions}${resourceToken}'
    planName: '${abbrs.webServerFarms}${resourceToken}'
    location: location
    tags: tags
    serviceName: 'api'
    identityId: identity.outputs.id
    identityClientId: identity.outputs.clientId
    storageAccountName: storage.outputs.name
    blobEndpoint: storage.outputs.blobEndpoint
    deploymentContainerName: deploymentContainerName
    rawArchiveContainerName: rawArchiveContainerName
    artifactsContainerName: artifactsContainerName
    resultsStore: resultsStore
    cosmosEndpoint: useTables ? '' : cosmos!.outputs.endpoint
    cosmosDatabaseName: cosmosDatabaseName
    tableEndpoint: storage.outputs.tableEndpoint
    tablesPrefix: tablesPrefix
    eventHubsNamespaceHost: eventHubs.outputs.namespaceHost
    ticksHubName: ticksHubName
    ticksConsumerGroup: ticksConsumerGroup
    durableBackend: durableBackend
    schedulerEndpoint: useScheduler ? scheduler!.outputs.endpoint : ''
    taskHubName: taskHubName
    applicationInsightsConnectionString: monitoring.outputs.applicationInsightsConnectionString
    keyVaultUri: keyVault.outputs.uri
    marketDataProvider: marketDataProvider
    instanceMemoryMB: instanceMemoryMB
    maximumInstanceCount: maximumInstanceCount
    durableAlwaysReadyInstances: durableAlwaysReadyInstances
    tickBridgeEnabled: tickBridgeEnabled
    tickBridgeStreams: tickBridgeStreams
    tickBridgeSymbols: tickBridgeSymbols
    allowedOrigins: ['https://${dashboard.outputs.defaultHostname}']
  }
}

// azd stores every output in the environment (.azure/<env>/.env); the postprovision hook and the dashboard build read them.
output AZURE_LOCATION string = location
output AZURE_TENANT_ID string = tenant().tenantId
output AZURE_RESOURCE_GROUP string = rg.name
output AZURE_CLIENT_ID string = identity.outputs.clientId
output AZURE_FUNCTION_APP_NAME string = api.outputs.name
output API_URL string = api.outputs.uri
output VITE_API_BASE_URL string = api.outputs.uri
output DASHBOARD_URL string = 'https://${dashboard.outputs.defaultHostname}'
output AZURE_STATIC_WEB_APP_NAME string = dashboard.outputs.name
output RESULTS_STORE string = resultsStore
output COSMOS_ENDPOINT string = useTables ? '' : cosmos!.outputs.endpoint
output COSMOS_DATABASE string = cosmosDatabaseName
output BLOB_ENDPOINT string = storage.outputs.blobEndpoint
output QUEUE_ENDPOINT string = storage.outputs.queueEndpoint
output TABLE_ENDPOINT string = storage.outputs.tableEndpoint
output TABLES_PREFIX string = tablesPrefix
output AZURE_STORAGE_ACCOUNT_NAME string = storage.outputs.name
output RAW_ARCHIVE_CONTAINER string = rawArchiveContainerName
output ARTIFACTS_CONTAINER string = artifactsContainerName
output EVENTHUB_NAMESPACE string = eventHubs.outputs.namespaceHost
output EVENTHUB_NAME string = ticksHubName
output EVENTHUB_CONSUMER_GROUP string = ticksConsumerGroup
output DURABLE_BACKEND string = durableBackend
output DTS_ENDPOINT string = useScheduler ? scheduler!.outputs.endpoint : ''
output TASKHUB_NAME string = taskHubName
output AZURE_KEY_VAULT_NAME string = keyVault.outputs.name
output AZURE_KEY_VAULT_ENDPOINT string = keyVault.outputs.uri
output APPLICATIONINSIGHTS_CONNECTION_STRING string = monitoring.outputs.applicationInsightsConnectionString
output PIPELINE_PROVIDER string = marketDataProvider
