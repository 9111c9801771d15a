// The storage account: AzureWebJobsStorage of the Functions host (leases, keys, Event Hubs checkpoints, and the queues
// and tables of Durable Functions' default Azure Storage backend), the Flex Consumption deployment package, the raw
// provider archive and the artifacts, and with the tables results store the bars and records tables. Entra ID only:
// shared keys are disabled, so no connection string can work.
param name string
param location string
param tags object
param containerNames array
param identityPrincipalId string
@allowed(['AzureStorage', 'DurableTaskScheduler'])
param durableBackend string
@allowed(['cosmos', 'tables'])
param resultsStore string
@description('Tables of the tables results store (created only when resultsStore is tables).')
param tableNames array
param principalId string
param principalType string

var storageBlobDataOwner = 'b7e6dc6d-f1e8-4753-8033-0f276bb0955b'
var storageBlobDataContributor = 'ba92f5b4-2d11-453d-a403-e96b0029c9fe'
var storageQueueDataContributor = '974c5e8b-45b9-4653-ba55-5f855dd0fb88'
var storageTableDataContributor = '0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3'

resource storage 'Microsoft.Storage/storageAccounts@2023-05-01' = {
  name: name
  location: location
  tags: tags
  kind: 'StorageV2'
  sku: {
    name: 'Standard_LRS'
  }
  properties: {
    accessTier: 'Hot'
    allowBlobPublicAccess: false
    allowSharedKeyAccess: false
    allowCrossTenantReplication: false
    defaultToOAuthAuthentication: true
    minimumTlsVersion: 'TLS1_2'
    supportsHttpsTrafficOnly: true
    publicNetworkAccess: 'Enabled'
    networkAcls: {
      bypass: 'AzureServices'
      defaultAction: 'Allow'
    }
  }
}

resource blobService 'Microsoft.Storage/storageAccounts/blobServices@2023-05-01' = {
  parent: storage
  name: 'default'
}

resource containers 'Microsoft.Storage/storageAccounts/blobServices/containers@2023-05-01' = [
  for containerName in containerNames: {
    parent: blobService
    name: containerName
    properties: {
      publicAccess: 'None'
    }
  }
]

// The host (AzureWebJobsStorage: blob leases and keys, Event Hubs checkpoints), the deployment package, the raw archive
// (If-None-Match writes) and the artifacts: Blob Data Owner, as the Functions identity-connection docs require for the host.
resource identityBlobDataOwner 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(storage.id, identityPrincipalId, storageBlobDataOwner)
  scope: storage
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', storageBlobDataOwner)
    principalId: identityPrincipalId
    principalType: 'ServicePrincipal'
  }
}

// Durable Functions' Azure Storage backend keeps its control/work-item queues and history/instance tables here; with
// the Durable Task Scheduler the app uses neither, so the roles are only granted with the default backend.
resource identityQueueDataContributor 'Microsoft.Authorization/roleAssignments@2022-04-01' = if (durableBackend == 'AzureStorage') {
  name: guid(storage.id, identityPrincipalId, storageQueueDataContributor)
  scope: storage
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', storageQueueDataContributor)
    principalId: identityPrincipalId
    principalType: 'ServicePrincipal'
  }
}

resource tableService 'Microsoft.Storage/storageAccounts/tableServices@2023-05-01' = if (resultsStore == 'tables') {
  parent: storage
  name: 'default'
}

resource tables 'Microsoft.Storage/storageAccounts/tableServices/tables@2023-05-01' = [
  for tableName in (resultsStore == 'tables' ? tableNames : []): {
    parent: tableService
    name: tableName
  }
]

// Table entities: Durable's Azure Storage backend keeps its history and instance tables here, and the tables results
// store its bars and records; the role is granted when either is deployed.
resource identityTableDataContributor 'Microsoft.Authorization/roleAssignments@2022-04-01' = if (durableBackend == 'AzureStorage' || resultsStore == 'tables') {
  name: guid(storage.id, identityPrincipalId, storageTableDataContributor)
  scope: storage
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', storageTableDataContributor)
    principalId: identityPrincipalId
    principalType: 'ServicePrincipal'
  }
}

// The deploying user reads archives and artifacts, and runs the local host against them.
resource userBlobDataContributor 'Microsoft.Authorization/roleAssignments@2022-04-01' = if (!empty(principalId)) {
  name: guid(storage.id, principalId, storageBlobDataContributor)
  scope: storage
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', storageBlobDataContributor)
    principalId: principalId
    principalType: principalType
  }
}

// With the tables results store the deploying user reads bars and records (Storage Explorer, the local host).
resource userTableDataContributor 'Microsoft.Authorization/roleAssignments@2022-04-01' = if (resultsStore == 'tables' && !empty(principalId)) {
  name: guid(storage.id, principalId, storageTableDataContributor)
  scope: storage
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', storageTableDataContributor)
    principalId: principalId
    principalType: principalType
  }
}

output name string = storage.name
output blobEndpoint string = storage.properties.primaryEndpoints.blob
output queueEndpoint string = storage.properties.primaryEndpoints.queue
output tableEndpoint string = storage.properties.primaryEndpoints.table
