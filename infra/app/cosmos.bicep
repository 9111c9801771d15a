// Cosmos DB for NoSQL, serverless (pay per RU, nothing when idle), Entra ID only (disableLocalAuth). The containers
// are the ones MarketIntel.Storage's CosmosStorage.Definition creates locally: partition key /pk everywhere, TTL on
// (-1: items carry their own ttl) where a record kind expires, payloads kept out of the index. The identity has data
// roles only, so the app cannot create them itself (CosmosDb__CreateIfNotExists stays false in Azure).
param accountName string
param databaseName string
param location string
param tags object
param identityPrincipalId string
param principalId string

// Built-in "Cosmos DB Built-in Data Contributor" (a Cosmos SQL role, not an Azure RBAC role).
var cosmosDataContributor = '00000000-0000-0000-0000-000000000002'

var barsIndexing = {
  indexingMode: 'consistent'
  automatic: true
  includedPaths: [{ path: '/pk/?' }, { path: '/t/?' }]
  excludedPaths: [{ path: '/*' }]
}
var recordIndexing = {
  indexingMode: 'consistent'
  automatic: true
  includedPaths: [{ path: '/*' }]
  excludedPaths: [{ path: '/payload/*' }, { path: '/inputs/*' }]
}

// Checked against StorageContainers.All, RecordKinds and CosmosStorage.Definition by the infrastructure tests.
var containers = [
  { name: 'bars', partitionKeyPath: '/pk', defaultTtl: null, indexingPolicy: barsIndexing }
  { name: 'snapshots', partitionKeyPath: '/pk', defaultTtl: null, indexingPolicy: recordIndexing }
  { name: 'scans', partitionKeyPath: '/pk', defaultTtl: null, indexingPolicy: recordIndexing }
  { name: 'analytics', partitionKeyPath: '/pk', defaultTtl: null, indexingPolicy: recordIndexing }
  { name: 'paper', partitionKeyPath: '/pk', defaultTtl: null, indexingPolicy: recordIndexing }
  { name: 'watchlists', partitionKeyPath: '/pk', defaultTtl: null, indexingPolicy: recordIndexing }
  { name: 'checkpoints', partitionKeyPath: '/pk', defaultTtl: -1, indexingPolicy: recordIndexing }
  { name: 'runs', partitionKeyPath: '/pk', defaultTtl: -1, indexingPolicy: recordIndexing }
  { name: 'events', partitionKeyPath: '/pk', defaultTtl: -1, indexingPolicy: recordIndexing }
]

resource account 'Microsoft.DocumentDB/databaseAccounts@2024-11-15' = {
  name: accountName
  location: location
  tags: tags
  kind: 'GlobalDocumentDB'
  properties: {
    databaseAccountOfferType: 'Standard'
    consistencyPolicy: {
      defaultConsistencyLevel: 'Session'
    }
    locations: [
      {
        locationName: location
        failoverPriority: 0
        isZoneRedundant: false
      }
    ]
    capabilities: [
      {
        name: 'EnableServerless'
      }
    ]
    disableLocalAuth: true
    disableKeyBasedMetadataWriteAccess: true
    minimalTlsVersion: 'Tls12'
    publicNetworkAccess: 'Enabled'
  }
}

resource database 'Microsoft.DocumentDB/databaseAccounts/sqlDatabases@2024-11-15' = {
  parent: account
  name: databaseName
  properties: {
    resource: {
      id: databaseName
    }
  }
}

resource sqlContainers 'Microsoft.DocumentDB/databaseAccounts/sqlDatabases/containers@2024-11-15' = [
  for container in containers: {
    parent: database
    name: container.name
    properties: {
      resource: union(
        {
          id: container.name
          partitionKey: {
            paths: [container.partitionKeyPath]
            kind: 'Hash'
            version: 2
          }
          indexingPolicy: container.indexingPolicy
        },
        container.defaultTtl == null ? {} : { defaultTtl: container.defaultTtl }
      )
    }
  }
]

// Data-plane roles are Cosmos SQL role assignments on the account (guid name, account scope).
resource identityDataContributor 'Microsoft.DocumentDB/databaseAccounts/sqlRoleAssignments@2024-11-15' = {
  parent: account
  name: guid(account.id, identityPrincipalId, cosmosDataContributor)
  properties: {
    roleDefinitionId: '${account.id}/sqlRoleDefinitions/${cosmosDataContributor}'
    principalId: identityPrincipalId
    scope: account.id
  }
}

// The deploying user: Data Explorer in the portal and the local host against the deployment.
resource userDataContributor 'Microsoft.DocumentDB/databaseAccounts/sqlRoleAssignments@2024-11-15' = if (!empty(principalId)) {
  parent: account
  name: guid(account.id, principalId, cosmosDataContributor)
  properties: {
    roleDefinitionId: '${account.id}/sqlRoleDefinitions/${cosmosDataContributor}'
    principalId: principalId
    scope: account.id
  }
}

output name string = account.name
output endpoint string = account.properties.documentEndpoint
