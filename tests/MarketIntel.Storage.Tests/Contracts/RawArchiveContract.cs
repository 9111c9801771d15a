using System.Text;
using MarketIntel.Core.Storage;

namespace MarketIntel.Storage.Tests.Contracts;

/// <summary>The behaviour every <see cref="IRawArchive"/> adapter must show; one subclass per adapter runs it.</summary>
public abstract class RawArchiveContract
{
    private static readonly DateTimeOffset Received = new(2024, 7, 1, 23, 59, 30, TimeSpan.FromHours(-4));

    protected abstract IRawArchive Archive { get; }

    protected static RawPayload Payload(string provider, string body, DateTimeOffset? receivedAt = null, string dataset = "bars-1m") => new(
        provider, dataset, receivedAt ?? Received, Encoding.UTF8.GetBytes(body), "application/json; charset=utf-8", "GET /v2/bars?symbols=AAPL&start=2024-07-01 é", "0.1.0");

    protected static string NewProvider() => "prov-" + Guid.NewGuid().ToString("N")[..8];

    [Fact]
    public async Task Put_ThenGet_ReturnsTheBytesAndMetadata_UnderADatePartitionedKey()
    {
        var provider = NewProvider();
        var payload = Payload(provider, "{\"bars\":[1,2,3]}");

        var entry = await Archive.PutAsync(payload);
        var item = await Archive.GetAsync(entry.Key);

        // Received at 23:59 -04:00 is 03:59 UTC the next day: the UTC date partitions.
        Assert.StartsWith(provider + "/2024/07/02/bars-1m/", entry.Key, StringComparison.Ordinal);
        Assert.EndsWith(".json", entry.Key, StringComparison.Ordinal);
        Assert.False(entry.AlreadyExisted);
        Assert.NotNull(item);
        Assert.Equal(payload.Content.ToArray(), item.Content.ToArray());
        Assert.Equal(entry.Sha256, item.Entry.Sha256);
        Assert.Equal(payload.RequestKey, item.Entry.RequestKey);
        Assert.Equal("0.1.0", item.Entry.CodeVersion);
        Assert.Equal(payload.ReceivedAt, item.Entry.ReceivedAt);
        Assert.Equal(payload.ContentType, item.Entry.ContentType);
        Assert.Equal(payload.Content.Length, item.Entry.Length);
    }

    [Fact]
    public async Task Put_OfTheSamePayloadAgain_FindsTheFirstCopy_AndWritesNothing()
    {
        var provider = NewProvider();
        var first = await Archive.PutAsync(Payload(provider, "{\"a\":1}"));

        var retry = await Archive.PutAsync(Payload(provider, "{\"a\":1}", Received.AddMinutes(-3)) with { CodeVersion = "0.1.1" });

        Assert.True(retry.AlreadyExisted);
        Assert.Equal(first.Key, retry.Key);
        Assert.Equal("0.1.0", retry.CodeVersion);
        Assert.Equal(Received, retry.ReceivedAt);
        Assert.Single(await ListAsync(provider, new DateOnly(2024, 7, 2)));
    }

    [Fact]
    public async Task DeleteDay_RemovesThatProvidersDayOnly_AndCountsWhatItDeleted()
    {
        var provider = NewProvider();
        var other = NewProvider();
        await Archive.PutAsync(Payload(provider, "{\"a\":1}"));
        await Archive.PutAsync(Payload(provider, "{\"a\":2}", dataset: "trades"));
        var nextDay = await Archive.PutAsync(Payload(provider, "{\"a\":3}", Received.AddDays(1)));
        var otherProvider = await Archive.PutAsync(Payload(other, "{\"a\":1}"));

        Assert.Equal(2, await Archive.DeleteDayAsync(provider, new DateOnly(2024, 7, 2)));
        Assert.Equal(0, await Archive.DeleteDayAsync(provider, new DateOnly(2024, 7, 2)));

        Assert.Empty(await ListAsync(provider, new DateOnly(2024, 7, 2)));
        Assert.NotNull(await Archive.GetAsync(nextDay.Key));
        Assert.NotNull(await Archive.GetAsync(otherProvider.Key));
    }

    [Fact]
    public async Task List_ReturnsOneProvidersDay_InKeyOrder()
    {
        var provider = NewProvider();
        var other = NewProvider();
        for (var i = 0; i < 5; i++)
        {
            await Archive.PutAsync(Payload(provider, "{\"n\":" + i.ToString(System.Globalization.CultureInfo.InvariantCulture) + "}", dataset: i % 2 == 0 ? "bars-1m" : "quotes"));
        }

        await Archive.PutAsync(Payload(provider, "{\"n\":99}", Received.AddDays(1)));
        await Archive.PutAsync(Payload(other, "{\"n\":0}"));

        var listed = await ListAsync(provider, new DateOnly(2024, 7, 2));

        Assert.Equal(5, listed.Count);
        Assert.Equal(listed.Select(e => e.Key).Order(StringComparer.Ordinal), listed.Select(e => e.Key));
        Assert.All(listed, e => Assert.Equal(provider, e.Provider));
        Assert.Empty(await ListAsync(provider, new DateOnly(2024, 7, 1)));
    }

    [Fact]
    public async Task LargePayload_RoundTrips()
    {
        var content = new byte[12 * 1024 * 1024];
        new Random(5).NextBytes(content);
        var payload = new RawPayload(NewProvider(), "archive", Received, content, "application/octet-stream", "bulk", "0.1.0");

        var entry = await Archive.PutAsync(payload);
        var item = await Archive.GetAsync(entry.Key);

        Assert.EndsWith(".bin", entry.Key, StringComparison.Ordinal);
        Assert.Equal(content.Length, item!.Entry.Length);
        Assert.True(content.AsSpan().SequenceEqual(item.Content.Span));
    }

    [Fact]
    public async Task Get_OfAnUnknownKey_IsNull()
    {
        Assert.Null(await Archive.GetAsync(NewProvider() + "/2024/07/02/bars-1m/0000.json"));
    }

    [Theory]
    [InlineData("../escape", "Provider")]
    [InlineData("a/b", "Provider")]
    [InlineData("", "Provider")]
    public async Task BadPayload_IsRejectedWithAClearError(string provider, string expected)
    {
        var error = await Assert.ThrowsAsync<InvalidRecordException>(() => Archive.PutAsync(Payload(provider, "{}")));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task InterruptedBatch_ReRun_LeavesExactlyOneCopyOfEachPayload()
    {
        var provider = NewProvider();
        var batch = Enumerable.Range(0, 12).Select(i => Payload(provider, "{\"page\":" + i.ToString(System.Globalization.CultureInfo.InvariantCulture) + "}")).ToList();
        foreach (var payload in batch.Where((_, i) => i % 4 == 1))
        {
            await Archive.PutAsync(payload);
        }

        var entries = new List<RawArchiveEntry>();
        foreach (var payload in batch)
        {
            entries.Add(await Archive.PutAsync(payload));
        }

        Assert.Equal(3, entries.Count(e => e.AlreadyExisted));
        Assert.Equal(12, (await ListAsync(provider, new DateOnly(2024, 7, 2))).Count);
    }

    private async Task<List<RawArchiveEntry>> ListAsync(string provider, DateOnly day)
    {
        var entries = new List<RawArchiveEntry>();
        await foreach (var entry in Archive.ListAsync(provider, day))
        {
            entries.Add(entry);
        }

        return entries;
    }
}
