# azd postprovision hook (Windows twin of postprovision.sh): writes local.settings.json for running the Functions app
# locally against the provisioned resources with the developer's own sign-in. Only endpoints and names, no secrets.
$ErrorActionPreference = 'Stop'
$root = Resolve-Path (Join-Path $PSScriptRoot '../..')
$target = if ($env:LOCAL_SETTINGS_PATH) { $env:LOCAL_SETTINGS_PATH } else { Join-Path $root 'functions/MarketIntel.Functions/local.settings.json' }

$values = @{}
foreach ($line in (azd env get-values)) {
    if ($line -match '^([^=]+)="?(.*?)"?$') { $values[$Matches[1]] = $Matches[2] }
}
function Require([string] $name) {
    if (-not $values[$name]) { throw "postprovision: $name is missing from the azd environment (did provisioning finish?)" }
    return $values[$name]
}

$durable = if ((Require 'DURABLE_BACKEND') -eq 'DurableTaskScheduler') {
    "Endpoint=$($values['DTS_ENDPOINT']);Authentication=DefaultAzure"
} else {
    'Endpoint=http://localhost:8080;Authentication=None'
}

# Results: Azure Tables in the storage account (RESULTS_STORE=tables) or Cosmos DB (the default).
$results = if ($values['RESULTS_STORE'] -eq 'tables') {
    [ordered]@{
        Storage__Provider = 'AzureTables'
        Tables__ServiceUri = Require 'TABLE_ENDPOINT'
        Tables__TablePrefix = Require 'TABLES_PREFIX'
    }
} else {
    [ordered]@{
        Storage__Provider = 'Azure'
        CosmosDb__Endpoint = Require 'COSMOS_ENDPOINT'
        CosmosDb__Database = Require 'COSMOS_DATABASE'
    }
}

$settings = [ordered]@{
    IsEncrypted = $false
    Values = [ordered]@{
        FUNCTIONS_WORKER_RUNTIME = 'dotnet-isolated'
        AzureWebJobsStorage = 'UseDevelopmentStorage=true'
        DURABLE_TASK_SCHEDULER_CONNECTION_STRING = $durable
        TASKHUB_NAME = Require 'TASKHUB_NAME'
        IngestSchedule = '0 */1 * * * *'
        ScanSchedule = '0 */5 * * * *'
        OutcomeSchedule = '0 */15 * * * *'
        RetentionSchedule = '0 30 3 * * *'
        TicksEventHubName = Require 'EVENTHUB_NAME'
        TicksConsumerGroup = Require 'EVENTHUB_CONSUMER_GROUP'
        TicksEventHub__fullyQualifiedNamespace = Require 'EVENTHUB_NAMESPACE'
        BlobStorage__ServiceUri = Require 'BLOB_ENDPOINT'
        BlobStorage__RawArchiveContainer = Require 'RAW_ARCHIVE_CONTAINER'
        BlobStorage__ArtifactsContainer = Require 'ARTIFACTS_CONTAINER'
        Pipeline__Provider = Require 'PIPELINE_PROVIDER'
        Pipeline__Timeframe = '1m'
        Pipeline__Watchlist = 'default'
        Pipeline__BatchSize = '25'
        Pipeline__RawArchiveRetentionDays = '30'
        Api__Owner = 'default'
    }
}

foreach ($name in $results.Keys) { $settings.Values[$name] = $results[$name] }

New-Item -ItemType Directory -Force -Path (Split-Path $target) | Out-Null
$settings | ConvertTo-Json -Depth 4 | Set-Content -Path $target -Encoding utf8
Write-Host "postprovision: wrote $target for the deployment in $($values['AZURE_RESOURCE_GROUP'])."
Write-Host "postprovision: the local app shares the task hub, results store and the consumer group with the deployed one. API: $($values['API_URL'])/api/health"
