// Key Vault in RBAC mode for the provider API keys. The app settings hold only @Microsoft.KeyVault(SecretUri=...)
// references, resolved by the platform with the user-assigned identity (Key Vault Secrets User). Secrets given as
// (secure) parameters are stored here; otherwise the deploying user (Key Vault Secrets Officer) sets them later.
// Broker secrets (broker--* names) are written by the app itself (Key Vault Secrets Officer, below).
param name string
param location string
param tags object
param purgeProtection bool
param identityPrincipalId string
param principalId string
param principalType string
@secure()
param polygonApiKey string
@secure()
param alpacaKeyId string
@secure()
param alpacaSecretKey string

var keyVaultSecretsUser = '4633458b-17de-408a-b874-0445c86b69e6'
var keyVaultSecretsOfficer = 'b86a8fe4-44ce-4948-aee5-eccb2c155cd7'

resource vault 'Microsoft.KeyVault/vaults@2023-07-01' = {
  name: name
  location: location
  tags: tags
  properties: {
    tenantId: subscription().tenantId
    sku: {
      family: 'A'
      name: 'standard'
    }
    enableRbacAuthorization: true
    enableSoftDelete: true
    softDeleteRetentionInDays: 7
    // ARM rejects an explicit false once enabled, so the property is left out rather than set to false.
    enablePurgeProtection: purgeProtection ? true : null
    publicNetworkAccess: 'Enabled'
  }
}

resource polygonSecret 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = if (!empty(polygonApiKey)) {
  parent: vault
  name: 'polygon-api-key'
  properties: {
    value: polygonApiKey
  }
}

resource alpacaKeyIdSecret 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = if (!empty(alpacaKeyId)) {
  parent: vault
  name: 'alpaca-key-id'
  properties: {
    value: alpacaKeyId
  }
}

resource alpacaSecretKeySecret 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = if (!empty(alpacaSecretKey)) {
  parent: vault
  name: 'alpaca-secret-key'
  properties: {
    value: alpacaSecretKey
  }
}

resource identitySecretsUser 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(vault.id, identityPrincipalId, keyVaultSecretsUser)
  scope: vault
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', keyVaultSecretsUser)
    principalId: identityPrincipalId
    principalType: 'ServicePrincipal'
  }
}

// Broker credentials and OAuth2 tokens (Brokers__KeyVaultUri): the app stores what a person enters through
// PUT /api/brokers/{name}/credentials and every refreshed token, so its identity writes secrets too.
resource identitySecretsOfficer 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(vault.id, identityPrincipalId, keyVaultSecretsOfficer)
  scope: vault
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', keyVaultSecretsOfficer)
    principalId: identityPrincipalId
    principalType: 'ServicePrincipal'
  }
}

resource userSecretsOfficer 'Microsoft.Authorization/roleAssignments@2022-04-01' = if (!empty(principalId)) {
  name: guid(vault.id, principalId, keyVaultSecretsOfficer)
  scope: vault
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', keyVaultSecretsOfficer)
    principalId: principalId
    principalType: principalType
  }
}

output name string = vault.name
output uri string = vault.properties.vaultUri
