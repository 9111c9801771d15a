// The one identity the function app uses for Storage, Cosmos DB, Event Hubs, the Durable Task Scheduler, Key Vault
// and Application Insights (AZURE_CLIENT_ID and every `__clientId` setting carry its client id).
param name string
param location string
param tags object

resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  name: name
  location: location
  tags: tags
}

output id string = identity.id
output name string = identity.name
output principalId string = identity.properties.principalId
output clientId string = identity.properties.clientId
