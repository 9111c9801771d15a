using System.Text.Json;
using MarketIntel.Core.Storage;

namespace MarketIntel.Storage.Tests.Contracts;

/// <summary>The behaviour every <see cref="IRecordStore"/> adapter must show; one subclass per adapter runs it.</summary>
public abstract class RecordStoreContract
{
    protected static readonly DateTimeOffset CreatedAt = new(2024, 7, 1, 12, 0, 0, TimeSpan.Zero);

    protected abstract IRecordStore Store { get; }

    /// <summary>Proves, by the adapter's own means, that the record expires after <paramref name="timeToLive"/>.</summary>
    protected abstract Task AssertExpiresAsync(RecordEnvelope<JsonElement> stored, TimeSpan timeToLive);

    protected static string NewPartition(string prefix) => StorageKey.Compose(prefix, Guid.NewGuid().ToString("N"));

    protected static JsonElement Inputs(object value) => JsonSerializer.SerializeToElement(value);

    protected static RecordEnvelope<SetupPayload> Setup(string run, int rank, string symbol = "AAPL") => new(
        StorageKey.Compose("setup", rank.ToString("D4", System.Globalization.CultureInfo.InvariantCulture), symbol),
        run,
        RecordKinds.ScanRun,
        CreatedAt,
        Inputs(new { scanRun = run, universe = "sp500", asOf = "2024-07-01" }),
        "0.1.0+abc123",
        "ranked",
        new SetupPayload(symbol, rank, 1.0 / rank, ["breakout", "volume"], 123.456789012345678m));

    [Fact]
    public async Task RoundTrip_KeepsEnvelopeInputsCodeVersionAndTypedPayload()
    {
        var run = NewPartition("run");
        var record = Setup(run, 1, "BRK.B");

        var written = await Store.CreateAsync(record);
        var read = await Store.GetAsync<SetupPayload>(RecordKinds.ScanRun, run, record.Id);

        Assert.Equal(WriteOutcome.Created, written.Outcome);
        Assert.NotNull(read);
        Assert.Equal(record.Id, read.Id);
        Assert.Equal(run, read.PartitionKey);
        Assert.Equal(RecordKinds.ScanRun, read.Kind);
        Assert.Equal(CreatedAt, read.CreatedAt);
        Assert.Equal("0.1.0+abc123", read.CodeVersion);
        Assert.Equal("ranked", read.Status);
        Assert.Equal("sp500", read.Inputs.GetProperty("universe").GetString());
        Assert.Equal(record.Payload.Tags, read.Payload.Tags);
        Assert.Equal(record.Payload with { Tags = read.Payload.Tags }, read.Payload);
        Assert.False(string.IsNullOrEmpty(read.ETag));
        Assert.Equal(written.Record.ETag, read.ETag);
        Assert.NotNull(read.UpdatedAt);
    }

    [Fact]
    public async Task UntypedPayload_ReadsBackAsJsonElement()
    {
        var run = NewPartition("run");
        await Store.CreateAsync(Setup(run, 2));

        var read = await Store.GetAsync<JsonElement>(RecordKinds.ScanRun, run, Setup(run, 2).Id);

        Assert.Equal(2, read!.Payload.GetProperty("rank").GetInt32());
        Assert.Equal("AAPL", read.Payload.GetProperty("symbol").GetString());
    }

    [Fact]
    public async Task Create_RepeatedByARetry_IsIdempotent_AndKeepsTheFirstVersion()
    {
        var run = NewPartition("run");
        var first = await Store.CreateAsync(Setup(run, 1));

        var retry = await Store.CreateAsync(Setup(run, 1) with { Status = "changed-on-retry" });

        Assert.Equal(WriteOutcome.AlreadyExisted, retry.Outcome);
        Assert.Equal("ranked", retry.Record.Status);
        Assert.Equal(first.Record.ETag, retry.Record.ETag);
        var all = await ReadAllAsync<SetupPayload>(RecordKinds.ScanRun, run);
        Assert.Single(all);
    }

    [Fact]
    public async Task Upsert_WithAStaleETag_ThrowsConcurrencyConflict_AndKeepsTheWinner()
    {
        var run = NewPartition("run");
        var original = (await Store.CreateAsync(Setup(run, 1))).Record;
        var winner = await Store.UpsertAsync(original with { Status = "winner" });

        var loser = await Assert.ThrowsAsync<ConcurrencyConflictException>(() => Store.UpsertAsync(original with { Status = "loser" }));

        Assert.Contains(original.Id, loser.Message, StringComparison.Ordinal);
        Assert.NotEqual(original.ETag, winner.ETag);
        var current = await Store.GetAsync<SetupPayload>(RecordKinds.ScanRun, run, original.Id);
        Assert.Equal("winner", current!.Status);
        Assert.Equal(winner.ETag, current.ETag);
    }

    [Fact]
    public async Task Upsert_WithAnETag_OfADeletedRecord_ThrowsConcurrencyConflict()
    {
        var run = NewPartition("run");
        var original = (await Store.CreateAsync(Setup(run, 1))).Record;
        Assert.True(await Store.DeleteAsync(RecordKinds.ScanRun, run, original.Id));

        await Assert.ThrowsAsync<ConcurrencyConflictException>(() => Store.UpsertAsync(original with { Status = "resurrected" }));
        Assert.Null(await Store.GetAsync<SetupPayload>(RecordKinds.ScanRun, run, original.Id));
    }

    [Fact]
    public async Task Upsert_WithoutETag_InsertsThenReplaces()
    {
        var run = NewPartition("run");
        var inserted = await Store.UpsertAsync(Setup(run, 3));
        var replaced = await Store.UpsertAsync(Setup(run, 3) with { Status = "replaced" });

        Assert.NotEqual(inserted.ETag, replaced.ETag);
        Assert.Equal("replaced", (await Store.GetAsync<SetupPayload>(RecordKinds.ScanRun, run, inserted.Id))!.Status);
    }

    [Fact]
    public async Task UpsertMany_InsertsNewRecords_AndReplacesExistingOnes_InOneCall()
    {
        var run = NewPartition("run");
        var existing = await Store.UpsertAsync(Setup(run, 2, "S2"));
        var batch = Enumerable.Range(1, 30)
            .Select(rank => Setup(run, rank, "S" + rank.ToString(System.Globalization.CultureInfo.InvariantCulture)) with { Status = "batch" }).ToList();

        await Store.UpsertManyAsync(batch);
        await Store.UpsertManyAsync(batch.Take(5).ToList());

        var stored = await ReadAllAsync<SetupPayload>(RecordKinds.ScanRun, run);
        Assert.Equal(batch.Select(b => b.Id).Order(StringComparer.Ordinal), stored.Select(s => s.Id));
        Assert.All(stored, s => Assert.Equal("batch", s.Status));
        Assert.Equal(batch.Select(b => b.Payload.Symbol).Order(StringComparer.Ordinal), stored.Select(s => s.Payload.Symbol).Order(StringComparer.Ordinal));
        Assert.NotEqual(existing.ETag, stored.Single(s => s.Id == existing.Id).ETag);
    }

    [Fact]
    public async Task UpsertMany_RefusesARecordWithAnETag_BeforeWritingAnything()
    {
        var run = NewPartition("run");
        var batch = new[] { Setup(run, 1), Setup(run, 2) with { ETag = "\"stale\"" } };

        var error = await Assert.ThrowsAsync<ArgumentException>(() => Store.UpsertManyAsync(batch));

        Assert.Contains("records[1]", error.Message, StringComparison.Ordinal);
        Assert.Null(await Store.GetAsync<SetupPayload>(RecordKinds.ScanRun, run, batch[0].Id));
    }

    [Fact]
    public async Task ConcurrentUpdates_AreSerializedByETags_AndNoneIsLost()
    {
        var account = NewPartition("account");
        const int Writers = 8;
        const int IncrementsEach = 3;

        await Parallel.ForEachAsync(Enumerable.Range(0, Writers), new ParallelOptions { MaxDegreeOfParallelism = Writers }, async (writer, ct) =>
        {
            for (var i = 0; i < IncrementsEach; i++)
            {
                await Store.UpdateAsync<CounterPayload>(RecordKinds.PaperPosition, account, "position|AAPL", current => current is null
                    ? new RecordEnvelope<CounterPayload>("position|AAPL", account, RecordKinds.PaperPosition, CreatedAt, Inputs(new { }), "1.0.0", "open", new CounterPayload(1, [writer]))
                    : current with { Payload = new CounterPayload(current.Payload.Value + 1, [.. current.Payload.Writers, writer]) },
                    maxAttempts: 200,
                    cancellationToken: ct);
            }
        });

        var final = await Store.GetAsync<CounterPayload>(RecordKinds.PaperPosition, account, "position|AAPL");
        Assert.Equal(Writers * IncrementsEach, final!.Payload.Value);
        Assert.Equal(Writers * IncrementsEach, final.Payload.Writers.Count);
    }

    [Fact]
    public async Task UpdateAsync_GivesUp_WithTheConflict_AfterMaxAttempts()
    {
        var account = NewPartition("account");
        await Store.CreateAsync(Position(account, "open"));
        var attempts = 0;

        // Another writer commits between every read and conditional write of the update, so every attempt loses.
        await Assert.ThrowsAsync<ConcurrencyConflictException>(() => Store.UpdateAsync<CounterPayload>(RecordKinds.PaperPosition, account, "position|X", current =>
        {
            attempts++;
            Task.Run(() => Store.UpsertAsync(current! with { ETag = null, Status = "other " + attempts })).GetAwaiter().GetResult();
            return current! with { Status = "mine" };
        }, maxAttempts: 3));

        Assert.Equal(3, attempts);
        Assert.Equal("other 3", (await Store.GetAsync<CounterPayload>(RecordKinds.PaperPosition, account, "position|X"))!.Status);
    }

    [Fact]
    public async Task UpdateAsync_RefusesAChangeThatMovesTheRecord()
    {
        var account = NewPartition("account");
        await Store.CreateAsync(Position(account, "open"));

        var error = await Assert.ThrowsAsync<ArgumentException>(() => Store.UpdateAsync<CounterPayload>(RecordKinds.PaperPosition, account, "position|X", r => r! with { Id = "position|Y", Status = "moved" }));

        Assert.Contains("must keep", error.Message, StringComparison.Ordinal);
        Assert.Equal("open", (await Store.GetAsync<CounterPayload>(RecordKinds.PaperPosition, account, "position|X"))!.Status);
        Assert.Null(await Store.GetAsync<CounterPayload>(RecordKinds.PaperPosition, account, "position|Y"));
    }

    private static RecordEnvelope<CounterPayload> Position(string account, string status) =>
        new("position|X", account, RecordKinds.PaperPosition, CreatedAt, Inputs(new { }), "1.0.0", status, new CounterPayload(0, []));

    [Fact]
    public async Task Query_PagesOneKindOfOnePartition_InIdOrder()
    {
        var run = NewPartition("run");
        var other = NewPartition("run");
        var header = new RecordEnvelope<JsonElement>(run, run, RecordKinds.ScanRunListing, CreatedAt, Inputs(new { scanner = "breakout" }), "0.1.0", "completed", Inputs(new { setups = 23 }));
        await Store.CreateAsync(header);
        foreach (var rank in Enumerable.Range(1, 23).Reverse())
        {
            await Store.CreateAsync(Setup(run, rank));
        }

        await Store.CreateAsync(Setup(other, 1));

        var setups = new List<RecordEnvelope<SetupPayload>>();
        string? token = null;
        var pages = 0;
        do
        {
            var page = await Store.QueryAsync<SetupPayload>(RecordKinds.ScanRun, run, new RecordQuery(PageSize: 5, ContinuationToken: token));
            Assert.True(page.Records.Count <= 5);
            setups.AddRange(page.Records);
            token = page.ContinuationToken;
            pages++;
        }
        while (token is not null && pages < 100);

        Assert.Equal(Enumerable.Range(1, 23), setups.Select(s => s.Payload.Rank));
        Assert.All(setups, s => Assert.Equal(run, s.PartitionKey));
        var runs = await Store.QueryAsync<JsonElement>(RecordKinds.ScanRunListing, run, new RecordQuery());
        Assert.Equal(run, Assert.Single(runs.Records).Id);
    }

    [Fact]
    public async Task Query_WithAnIdPrefix_ReturnsOnlyMatchingIds()
    {
        var run = NewPartition("run");
        foreach (var rank in new[] { 1, 2, 10, 11, 20 })
        {
            await Store.CreateAsync(Setup(run, rank));
        }

        var page = await Store.QueryAsync<SetupPayload>(RecordKinds.ScanRun, run, new RecordQuery(IdPrefix: "setup|001"));

        Assert.Equal([10, 11], page.Records.Select(r => r.Payload.Rank));
    }

    [Fact]
    public async Task WatchlistSnapshots_AreReadByPointReads_InTheOrderAsked()
    {
        var symbols = Enumerable.Range(0, 12).Select(i => "W" + i.ToString(System.Globalization.CultureInfo.InvariantCulture) + Guid.NewGuid().ToString("N")[..6]).ToList();
        foreach (var symbol in symbols.Where((_, i) => i != 5))
        {
            await Store.UpsertAsync(new RecordEnvelope<JsonElement>("1d", symbol, RecordKinds.IndicatorSnapshot, CreatedAt, Inputs(new { bars = 200 }), "0.1.0", "current", Inputs(new { symbol, rsi14 = 55.5 })));
        }

        var snapshots = await Store.GetManyAsync<JsonElement>(RecordKinds.IndicatorSnapshot, symbols.Select(s => (s, "1d")).ToList());

        Assert.Equal(symbols.Count, snapshots.Count);
        Assert.Null(snapshots[5]);
        Assert.All(snapshots.Where((_, i) => i != 5), (s, _) => Assert.NotNull(s));
        Assert.Equal(symbols.Where((_, i) => i != 5), snapshots.Where(s => s is not null).Select(s => s!.Payload.GetProperty("symbol").GetString()));
    }

    [Fact]
    public async Task ReadMany_ReturnsEachRecordInTheOrderAsked_NullForMissingOnesAndOtherKinds()
    {
        var run = NewPartition("run");
        var other = NewPartition("run");
        var setups = Enumerable.Range(1, 6).Select(rank => Setup(rank % 2 == 0 ? other : run, rank)).ToList();
        foreach (var setup in setups.Where(s => s.Payload.Rank != 4))
        {
            await Store.CreateAsync(setup);
        }

        await Store.CreateAsync(new RecordEnvelope<int>("snapshot", run, RecordKinds.IndicatorSnapshot, CreatedAt, Inputs(new { }), "0.1.0", "current", 1));
        var keys = setups.Select(s => (s.PartitionKey, s.Id)).Reverse().Append((run, "snapshot")).Append((run, setups[1].Id)).ToList();

        var read = await Store.ReadManyAsync<SetupPayload>(RecordKinds.ScanRun, keys);

        // Reference: one point read per key.
        var expected = new List<RecordEnvelope<SetupPayload>?>();
        foreach (var (pk, id) in keys)
        {
            expected.Add(await Store.GetAsync<SetupPayload>(RecordKinds.ScanRun, pk, id));
        }

        Assert.Equal(expected.Select(e => (e?.Id, e?.PartitionKey, e?.ETag, e?.Payload.Rank)), read.Select(r => (r?.Id, r?.PartitionKey, r?.ETag, r?.Payload.Rank)));
        Assert.Equal([6, 5, 0, 3, 2, 1, 0, 0], read.Select(r => r?.Payload.Rank ?? 0));
        Assert.Empty(await Store.ReadManyAsync<SetupPayload>(RecordKinds.ScanRun, []));
    }

    [Fact]
    public async Task TryWriteMany_CreatesAbsentRecords_ReplacesMatchingETags_AndReportsEachFailedCondition()
    {
        var run = NewPartition("run");
        var current = (await Store.CreateAsync(Setup(run, 1))).Record;
        var stale = (await Store.CreateAsync(Setup(run, 2))).Record;
        var winner = await Store.UpsertAsync(stale with { Status = "winner" });
        var existing = (await Store.CreateAsync(Setup(run, 3))).Record;

        var results = await Store.TryWriteManyAsync<SetupPayload>(
        [
            current with { Status = "replaced" },         // ETag matches: replaced
            stale with { Status = "loser" },              // stale ETag: refused
            Setup(run, 4) with { Status = "created" },    // absent, no ETag: created
            Setup(run, 3) with { Status = "overwritten" }, // present, no ETag: refused (create-only)
        ]);

        Assert.Equal([true, false, true, false], results.Select(r => r is not null));
        var after = new List<RecordEnvelope<SetupPayload>?>();
        foreach (var rank in new[] { 1, 2, 4, 3 })
        {
            after.Add(await Store.GetAsync<SetupPayload>(RecordKinds.ScanRun, run, Setup(run, rank).Id));
        }

        Assert.Equal(["replaced", "winner", "created", "ranked"], after.Select(a => a!.Status));
        Assert.Equal(results[0]!.ETag, after[0]!.ETag);
        Assert.NotEqual(current.ETag, after[0]!.ETag);
        Assert.Equal(winner.ETag, after[1]!.ETag);
        Assert.Equal(results[2]!.ETag, after[2]!.ETag);
        Assert.Equal(existing.ETag, after[3]!.ETag);

        // The returned ETag is current: a second conditional write with it succeeds.
        var again = await Store.TryWriteManyAsync<SetupPayload>([results[0]! with { Status = "again" }]);
        Assert.Equal("again", again.Single()!.Status);
    }

    [Fact]
    public async Task TryWriteMany_RejectsABadRecord_BeforeWritingIt()
    {
        var run = NewPartition("run");
        var bad = Setup(run, 1) with { CodeVersion = " " };

        var error = await Assert.ThrowsAsync<InvalidRecordException>(() => Store.TryWriteManyAsync([bad, Setup(run, 2)]));

        Assert.Contains("needs a CodeVersion", error.Message, StringComparison.Ordinal);
        Assert.Empty(await ReadAllAsync<SetupPayload>(RecordKinds.ScanRun, run));
    }

    [Fact]
    public async Task SystemEvents_WithTimeOrderedIds_AreReadByTimeWindow_InTimeOrder()
    {
        var day = StorageKey.Compose("2024-07-01", Guid.NewGuid().ToString("N"));
        var start = new DateTimeOffset(2024, 7, 1, 0, 0, 0, TimeSpan.Zero);
        var times = Enumerable.Range(0, 30).Select(i => start.AddMinutes(i * 47).AddTicks(i)).ToList();
        foreach (var time in times.AsEnumerable().Reverse())
        {
            var message = "tick " + time.ToString("O", System.Globalization.CultureInfo.InvariantCulture);
            var id = StorageKey.TimeOrdered(time, StorageKey.Hash("ingestion", message));
            await Store.CreateAsync(new RecordEnvelope<string>(id, day, RecordKinds.SystemEvent, time, Inputs(new { }), "0.1.0", "info", message));
        }

        var from = start.AddHours(3);
        var to = start.AddHours(11);
        var window = new List<RecordEnvelope<string>>();
        string? token = null;
        do
        {
            var page = await Store.QueryAsync<string>(RecordKinds.SystemEvent, day, new RecordQuery(PageSize: 4, ContinuationToken: token, IdFrom: StorageKey.TimeOrdered(from), IdTo: StorageKey.TimeOrdered(to)));
            window.AddRange(page.Records);
            token = page.ContinuationToken;
        }
        while (token is not null);

        Assert.Equal(times.Where(t => t >= from && t < to), window.Select(r => r.CreatedAt));
    }

    [Fact]
    public async Task Get_OfAMissingRecord_OrFromAnotherPartition_IsNull()
    {
        var run = NewPartition("run");
        var record = (await Store.CreateAsync(Setup(run, 1))).Record;

        Assert.Null(await Store.GetAsync<SetupPayload>(RecordKinds.ScanRun, run, "setup|9999|NONE"));
        Assert.Null(await Store.GetAsync<SetupPayload>(RecordKinds.ScanRun, NewPartition("run"), record.Id));
        Assert.Null(await Store.GetAsync<JsonElement>(RecordKinds.ScanRunListing, run, record.Id));
    }

    [Fact]
    public async Task Delete_WithAStaleETag_Conflicts_AndWithTheCurrentOne_Deletes()
    {
        var run = NewPartition("run");
        var original = (await Store.CreateAsync(Setup(run, 1))).Record;
        var updated = await Store.UpsertAsync(original with { Status = "v2" });

        await Assert.ThrowsAsync<ConcurrencyConflictException>(() => Store.DeleteAsync(RecordKinds.ScanRun, run, original.Id, original.ETag));
        Assert.True(await Store.DeleteAsync(RecordKinds.ScanRun, run, original.Id, updated.ETag));
        Assert.False(await Store.DeleteAsync(RecordKinds.ScanRun, run, original.Id));
    }

    [Fact]
    public async Task LargeRecord_BelowTheLimit_RoundTrips()
    {
        var run = NewPartition("backtest");
        var curve = Enumerable.Range(0, 60_000).Select(i => 10_000 + (i * 0.123456789)).ToArray();
        var record = new RecordEnvelope<double[]>(run, run, RecordKinds.RiskReport, CreatedAt, Inputs(new { strategy = "sma-cross", from = "2020-01-01" }), "0.1.0", "completed", curve);

        await Store.CreateAsync(record);
        var read = await Store.GetAsync<double[]>(RecordKinds.RiskReport, run, run);

        Assert.Equal(curve, read!.Payload);
    }

    [Fact]
    public async Task RecordOverTheSizeLimit_IsRejectedWithItsSize_BeforeAnythingIsWritten()
    {
        var run = NewPartition("backtest");
        var record = new RecordEnvelope<string>(run, run, RecordKinds.RiskReport, CreatedAt, Inputs(new { }), "0.1.0", "completed", new string('x', StorageLimits.MaxRecordBytes));

        var error = await Assert.ThrowsAsync<InvalidRecordException>(() => Store.CreateAsync(record));

        Assert.Contains("bytes serialized", error.Message, StringComparison.Ordinal);
        Assert.Contains("2,000,000", error.Message, StringComparison.Ordinal);
        Assert.Null(await Store.GetAsync<string>(RecordKinds.RiskReport, run, run));
    }

    [Theory]
    [InlineData("id", "is invalid")]
    [InlineData("code", "needs a CodeVersion")]
    [InlineData("inputs", "needs Inputs")]
    [InlineData("pk", "needs a PartitionKey")]
    [InlineData("ttl", "TimeToLive")]
    public async Task BadRecord_IsRejectedWithAClearError(string defect, string expected)
    {
        var run = NewPartition("run");
        var good = Setup(run, 1);
        var bad = defect switch
        {
            "id" => good with { Id = "setup/0001" },
            "code" => good with { CodeVersion = "" },
            "inputs" => good with { Inputs = default },
            "pk" => good with { PartitionKey = "" },
            _ => good with { TimeToLive = TimeSpan.FromSeconds(-5) },
        };

        var error = await Assert.ThrowsAsync<InvalidRecordException>(() => Store.CreateAsync(bad));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        Assert.Contains("scan-run", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task InterruptedBatchOfRecords_ReRun_LeavesExactlyOneCopyOfEach()
    {
        var run = NewPartition("run");
        var batch = Enumerable.Range(1, 40).Select(rank => Setup(run, rank, "S" + rank.ToString(System.Globalization.CultureInfo.InvariantCulture))).ToList();
        // The first attempt wrote a scattered subset before it died.
        foreach (var record in batch.Where(r => r.Payload.Rank % 3 == 0))
        {
            await Store.CreateAsync(record);
        }

        var outcomes = new List<WriteOutcome>();
        foreach (var record in batch)
        {
            outcomes.Add((await Store.CreateAsync(record)).Outcome);
        }

        var stored = await ReadAllAsync<SetupPayload>(RecordKinds.ScanRun, run);
        Assert.Equal(40, stored.Count);
        Assert.Equal(40, stored.Select(s => s.Id).Distinct().Count());
        Assert.Equal(13, outcomes.Count(o => o == WriteOutcome.AlreadyExisted));
    }

    [Fact]
    public async Task KindsWithATimeToLive_ExpireTheirRecords()
    {
        var day = StorageKey.Compose("2024-07-01", Guid.NewGuid().ToString("N"));
        var record = new RecordEnvelope<JsonElement>("evt-1", day, RecordKinds.SystemEvent, CreatedAt, Inputs(new { }), "0.1.0", "info", Inputs(new { message = "ingestion started" }));

        var stored = (await Store.CreateAsync(record)).Record;

        Assert.Equal(TimeSpan.FromDays(30), stored.TimeToLive);
        Assert.Equal(TimeSpan.FromDays(30), (await Store.GetAsync<JsonElement>(RecordKinds.SystemEvent, day, "evt-1"))!.TimeToLive);
        await AssertExpiresAsync(stored, TimeSpan.FromDays(30));
    }

    [Fact]
    public async Task KindsWithoutATimeToLive_KeepTheirRecords_UnlessTheRecordSetsOne()
    {
        var run = NewPartition("run");

        var kept = (await Store.CreateAsync(Setup(run, 1))).Record;
        var shortLived = (await Store.CreateAsync(Setup(run, 2) with { TimeToLive = TimeSpan.FromHours(1) })).Record;

        Assert.Null(kept.TimeToLive);
        Assert.Equal(TimeSpan.FromHours(1), shortLived.TimeToLive);
    }

    protected async Task<List<RecordEnvelope<T>>> ReadAllAsync<T>(RecordKind kind, string partitionKey)
    {
        var all = new List<RecordEnvelope<T>>();
        await foreach (var record in Store.ReadAllAsync<T>(kind, partitionKey))
        {
            all.Add(record);
        }

        return all;
    }
}
