// The dashboard: a Static Web App (Free) serving the Vite build (azd deploys `dist`). It calls the function app's
// /api from the browser; the function app's CORS allows this hostname (Free cannot link a backend).
param name string
param location string
param tags object

resource site 'Microsoft.Web/staticSites@2024-04-01' = {
  name: name
  location: location
  tags: tags
  sku: {
    name: 'Free'
    tier: 'Free'
  }
  properties: {
    allowConfigFileUpdates: true
    stagingEnvironmentPolicy: 'Enabled'
  }
}

output name string = site.name
output defaultHostname string = site.properties.defaultHostname
