#!/bin/sh
# azd postprovision hook: writes local.settings.json so that the Functions app runs locally (func start) against the
# resources just provisioned, signed in as the deploying user (az login / azd auth login: DefaultAzureCredential),
# who received the data roles in main.bicep. Host internals (leases, keys, checkpoints) stay on Azurite so a local run
# never takes the cloud app's leases. Nothing secret is written: every value is an endpoint or a name.
set -eu

root="$(cd "$(dirname "$0")/../.." && pwd)"
target="${LOCAL_SETTINGS_PATH:-$root/functions/MarketIntel.Functions/local.settings.json}"

# azd env get-values prints KEY="value" lines (the outputs of main.bicep among them).
values="$(azd env get-values)"
get() {
  printf '%s\n' "$values" | sed -n "s/^$1=\"\{0,1\}\([^\"]*\)\"\{0,1\}\$/\1/p" | head -n 1
}

require() {
  v="$(get "$1")"
  if [ -z "$v" ]; then
    echo "postprovision: $1 is missing from the azd environment (did provisioning finish?)" >&2
    exit 1
  fi
  printf '%s' "$v"
}

store="$(get RESULTS_STORE)"
blob="$(require BLOB_ENDPOINT)"
raw="$(require RAW_ARCHIVE_CONTAINER)"
artifacts="$(require ARTIFACTS_CONTAINER)"
eventhub="$(require EVENTHUB_NAMESPACE)"
hub="$(require EVENTHUB_NAME)"
group="$(require EVENTHUB_CONSUMER_GROUP)"
taskhub="$(require TASKHUB_NAME)"
backend="$(require DURABLE_BACKEND)"
provider="$(require PIPELINE_PROVIDER)"
dts="$(get DTS_ENDPOINT)"

if [ "$backend" = "DurableTaskScheduler" ]; then
  # Authentication=DefaultAzure: the developer's own sign-in (Durable Task Data Contributor was assigned to it).
  durable="Endpoint=$dts;Authentication=DefaultAzure"
else
  # The default backend runs on AzureWebJobsStorage (Azurite below); this value only serves a scheduler build on its emulator.
  durable="Endpoint=http://localhost:8080;Authentication=None"
fi

# Results: Azure Tables in the storage account (RESULTS_STORE=tables) or Cosmos DB (the default).
if [ "$store" = "tables" ]; then
  results="$(cat <<SETTINGS
    "Storage__Provider": "AzureTables",
    "Tables__ServiceUri": "$(require TABLE_ENDPOINT)",
    "Tables__TablePrefix": "$(require TABLES_PREFIX)",
SETTINGS
)"
else
  results="$(cat <<SETTINGS
    "Storage__Provider": "Azure",
    "CosmosDb__Endpoint": "$(require COSMOS_ENDPOINT)",
    "CosmosDb__Database": "$(require COSMOS_DATABASE)",
SETTINGS
)"
fi

mkdir -p "$(dirname "$target")"
cat > "$target" <<JSON
{
  "IsEncrypted": false,
  "Values": {
    "FUNCTIONS_WORKER_RUNTIME": "dotnet-isolated",
    "AzureWebJobsStorage": "UseDevelopmentStorage=true",
    "DURABLE_TASK_SCHEDULER_CONNECTION_STRING": "$durable",
    "TASKHUB_NAME": "$taskhub",
    "IngestSchedule": "0 */1 * * * *",
    "ScanSchedule": "0 */5 * * * *",
    "OutcomeSchedule": "0 */15 * * * *",
    "RetentionSchedule": "0 30 3 * * *",
    "TicksEventHubName": "$hub",
    "TicksConsumerGroup": "$group",
    "TicksEventHub__fullyQualifiedNamespace": "$eventhub",
$results
    "BlobStorage__ServiceUri": "$blob",
    "BlobStorage__RawArchiveContainer": "$raw",
    "BlobStorage__ArtifactsContainer": "$artifacts",
    "Pipeline__Provider": "$provider",
    "Pipeline__Timeframe": "1m",
    "Pipeline__Watchlist": "default",
    "Pipeline__BatchSize": "25",
    "Pipeline__RawArchiveRetentionDays": "30",
    "Api__Owner": "default"
  }
}
JSON

echo "postprovision: wrote $target for the deployment in $(get AZURE_RESOURCE_GROUP)."
echo "postprovision: the local app shares the task hub, results store and Event Hubs consumer group with the deployed one; stop the"
echo "               deployed app (az functionapp stop) if the two must not split the work. API: $(get API_URL)/api/health"
