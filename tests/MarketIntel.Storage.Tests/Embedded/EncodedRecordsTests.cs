using System.Text.Json;
using MarketIntel.Core.Storage;
using MarketIntel.Storage.Documents;
using MarketIntel.Storage.Embedded;

namespace MarketIntel.Storage.Tests.Embedded;

/// <summary>The batch encoding into one pooled buffer against the codec's own per-record arrays.</summary>
public sealed class EncodedRecordsTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 6, 3, 0, 0, TimeSpan.Zero);

    [Fact]
    public void EachRecordsBytes_AreTheCodecsBytes_WhenTheBufferGrowsPastSmallAndLargeRecords()
    {
        // Sizes from a few bytes to 100 kB in a mixed order, so the pooled buffer grows several times mid-batch.
        int[] sizes = [1, 10, 100_000, 3, 2_000, 50_000, 0, 700];
        var records = sizes.Select((size, i) => Record($"r{i}", new string((char)('a' + (i % 26)), size))).ToList();
        using var encoded = EncodedRecords.Of(records, Now);
        Assert.Equal(records.Count, encoded.Count);
        for (var i = 0; i < records.Count; i++)
        {
            var (document, json) = RecordCodec.Encode(records[i], Now);
            Assert.Equal(json, encoded.Json(i).ToArray());
            Assert.Equal((document.Id, document.Pk, document.UpdatedAt), (encoded.Document(i).Id, encoded.Document(i).Pk, encoded.Document(i).UpdatedAt));
        }
    }

    [Fact]
    public void ABadRecord_IsRefusedWithItsId_AndAnEmptyBatchIsEmpty()
    {
        var error = Assert.Throws<InvalidRecordException>(() => EncodedRecords.Of([Record("ok", "x"), Record("bad id/with slash", "y")], Now));
        Assert.Contains("bad id/with slash", error.Message, StringComparison.Ordinal);
        using var empty = EncodedRecords.Of(Array.Empty<RecordEnvelope<string>>(), Now);
        Assert.Equal(0, empty.Count);
    }

    private static RecordEnvelope<string> Record(string id, string payload) =>
        new(id, "pk", RecordKinds.SystemEvent, Now.AddMinutes(-1), JsonSerializer.SerializeToElement(new { }), "0.1.0", "info", payload);
}
