using System.Text.Json;
using MarketIntel.Core.Storage;

namespace MarketIntel.Brokers.OrderIds;

/// <summary>
/// <see cref="IBrokerOrderIdMap"/> on any <see cref="IRecordStore"/> (embedded, Cosmos, Tables), so the map survives
/// restarts wherever the platform stores its records. Kind <see cref="RecordKinds.BrokerOrderIdMap"/>, partition
/// <c>broker|account</c>, ids <c>client|id</c> (the intent, created only if absent so two writers agree) and
/// <c>venue|id</c> (the reverse entry).
/// </summary>
public sealed class RecordStoreBrokerOrderIdMap(IRecordStore records, TimeProvider time) : IBrokerOrderIdMap
{
    private const string CodeVersion = "brokers-1";
    private static readonly JsonElement NoInputs = JsonDocument.Parse("{}").RootElement.Clone();

    public async Task<BrokerOrderIntent?> GetAsync(string broker, string account, string clientOrderId, CancellationToken cancellationToken = default)
    {
        var record = await records.GetAsync<BrokerOrderIntent>(RecordKinds.BrokerOrderIdMap, Partition(broker, account), ClientKey(clientOrderId), cancellationToken).ConfigureAwait(false);
        return record?.Payload;
    }

    public async Task<BrokerOrderIntent> RecordIntentAsync(string broker, string account, BrokerOrderIntent intent, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(intent);
        var written = await records.CreateAsync(Envelope(broker, account, ClientKey(intent.ClientOrderId), intent, "intent"), cancellationToken).ConfigureAwait(false);
        return written.Record.Payload;
    }

    public async Task<BrokerOrderIntent> RecordVenueIdAsync(string broker, string account, string clientOrderId, string venueOrderId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(venueOrderId);
        var partition = Partition(broker, account);
        var current = await records.GetAsync<BrokerOrderIntent>(RecordKinds.BrokerOrderIdMap, partition, ClientKey(clientOrderId), cancellationToken).ConfigureAwait(false)
            ?? throw new InvalidOperationException($"no intent is recorded for client order id '{clientOrderId}' at {broker}/{account}; record it before sending");
        if (current.Payload.VenueOrderId is { } known && known != venueOrderId)
        {
            throw new InvalidOperationException($"client order id '{clientOrderId}' at {broker}/{account} is already mapped to venue order '{known}', not '{venueOrderId}'");
        }

        var mapped = current.Payload with { VenueOrderId = venueOrderId };

        // The reverse entry first: a crash between the two writes leaves an intent that resolution maps again, never a
        // venue id pointing nowhere.
        await records.UpsertAsync(Envelope(broker, account, VenueKey(venueOrderId), mapped, "venue"), cancellationToken).ConfigureAwait(false);
        await records.UpsertAsync(Envelope(broker, account, ClientKey(clientOrderId), mapped, "mapped"), cancellationToken).ConfigureAwait(false);
        return mapped;
    }

    public async Task<string?> ClientOrderIdOfAsync(string broker, string account, string venueOrderId, CancellationToken cancellationToken = default)
    {
        var record = await records.GetAsync<BrokerOrderIntent>(RecordKinds.BrokerOrderIdMap, Partition(broker, account), VenueKey(venueOrderId), cancellationToken).ConfigureAwait(false);
        return record?.Payload.ClientOrderId;
    }

    public async Task ForgetAsync(string broker, string account, string clientOrderId, CancellationToken cancellationToken = default) =>
        await records.DeleteAsync(RecordKinds.BrokerOrderIdMap, Partition(broker, account), ClientKey(clientOrderId), cancellationToken: cancellationToken).ConfigureAwait(false);

    private RecordEnvelope<BrokerOrderIntent> Envelope(string broker, string account, string id, BrokerOrderIntent intent, string status) =>
        new(id, Partition(broker, account), RecordKinds.BrokerOrderIdMap, time.GetUtcNow(), NoInputs, CodeVersion, status, intent);

    private static string Partition(string broker, string account)
    {
        ArgumentException.ThrowIfNullOrEmpty(broker);
        ArgumentException.ThrowIfNullOrEmpty(account);
        return StorageKey.Compose(broker, account);
    }

    private static string ClientKey(string clientOrderId)
    {
        ArgumentException.ThrowIfNullOrEmpty(clientOrderId);
        return StorageKey.Compose("client", clientOrderId);
    }

    private static string VenueKey(string venueOrderId) => StorageKey.Compose("venue", venueOrderId);
}
