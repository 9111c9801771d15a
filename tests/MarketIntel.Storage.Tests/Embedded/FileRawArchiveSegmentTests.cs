using System.Text;
using MarketIntel.Core.Storage;
using MarketIntel.Storage.Embedded;

namespace MarketIntel.Storage.Tests.Embedded;

/// <summary>
/// <see cref="FileRawArchive.AppendAsync"/>: payloads packed into append-only segment files, served by the same readers
/// under the same keys as files written by <see cref="FileRawArchive.PutAsync"/>, a torn tail ignored.
/// </summary>
public sealed class FileRawArchiveSegmentTests : IDisposable
{
    private static readonly DateTimeOffset Received = new(2024, 7, 2, 10, 0, 0, TimeSpan.Zero);
    private static readonly DateOnly Day = new(2024, 7, 2);
    private readonly EmbeddedTestDirectory directory = new();
    private readonly List<FileRawArchive> archives = [];

    public void Dispose()
    {
        foreach (var archive in archives)
        {
            archive.Dispose();
        }

        directory.Dispose();
    }

    private string Root => Path.Combine(directory.Path, "raw");

    private FileRawArchive NewArchive()
    {
        var archive = new FileRawArchive(Root);
        archives.Add(archive);
        return archive;
    }

    private static RawPayload Payload(string body, string dataset = "ticks") =>
        new("ticks", dataset, Received, Encoding.UTF8.GetBytes(body), "application/json", "event hub batch", "0.1.0");

    private async Task<List<RawArchiveEntry>> ListAsync(IRawArchive archive)
    {
        var entries = new List<RawArchiveEntry>();
        await foreach (var entry in archive.ListAsync("ticks", Day))
        {
            entries.Add(entry);
        }

        return entries;
    }

    private string[] Segments() => Directory.GetFiles(Root, "*.segment", SearchOption.AllDirectories);

    [Fact]
    public async Task Appended_PayloadsShareOneSegment_AndReadBackLikePutOnes()
    {
        var archive = NewArchive();
        var first = await archive.AppendAsync(Payload("[\"a\"]"));
        var second = await archive.AppendAsync(Payload("[\"b\"]"));
        var put = await archive.PutAsync(Payload("[\"c\"]"));

        var file = Assert.Single(Segments());
        Assert.DoesNotContain(Directory.GetFiles(Root, "*", SearchOption.AllDirectories), f => f.EndsWith(".tmp", StringComparison.Ordinal));
        Assert.StartsWith("ticks/2024/07/02/ticks/", first.Key, StringComparison.Ordinal);
        Assert.EndsWith(".json", first.Key, StringComparison.Ordinal);
        Assert.False(first.AlreadyExisted);
        var item = await archive.GetAsync(second.Key);
        Assert.Equal("[\"b\"]", Encoding.UTF8.GetString(item!.Content.Span));
        Assert.Equal(second with { AlreadyExisted = false }, item.Entry);
        Assert.Equal(new[] { first.Key, second.Key, put.Key }.Order(StringComparer.Ordinal), (await ListAsync(archive)).Select(e => e.Key));
        Assert.Equal(first, (await ListAsync(archive)).Single(e => e.Key == first.Key));
        Assert.True(new FileInfo(file).Length > 0);
    }

    [Fact]
    public async Task AppendingTheSameContentAgain_FindsTheFirstCopy_InThisProcess_AfterARestart_AndThroughPut()
    {
        var first = await NewArchive().AppendAsync(Payload("[1,2,3]"));

        var again = await NewArchive().AppendAsync(Payload("[1,2,3]"));
        var put = await NewArchive().PutAsync(Payload("[1,2,3]"));

        Assert.True(again.AlreadyExisted);
        Assert.True(put.AlreadyExisted);
        Assert.Equal(first.Key, again.Key);
        Assert.Equal(first.Key, put.Key);
        Assert.Equal(first.ReceivedAt, again.ReceivedAt);
        Assert.Single(await ListAsync(NewArchive()));
        Assert.Empty(Directory.GetFiles(Root, "*.json", SearchOption.AllDirectories));
    }

    [Fact]
    public async Task ContentPutAsAFileFirst_IsNotAppendedAgain()
    {
        var archive = NewArchive();
        var put = await archive.PutAsync(Payload("[9]"));

        var appended = await archive.AppendAsync(Payload("[9]"));

        Assert.True(appended.AlreadyExisted);
        Assert.Equal(put.Key, appended.Key);
        Assert.Empty(Segments());
    }

    [Theory]
    [InlineData(1)] // the checksum cut off
    [InlineData(7)] // into the content
    [InlineData(200)] // into the header of the last record
    public async Task ATornTail_IsIgnoredOnRead_AndTheNextWriterStartsAFreshSegment(int bytesCut)
    {
        var archive = NewArchive();
        var whole = await archive.AppendAsync(Payload("[\"whole\"]"));
        var torn = await archive.AppendAsync(Payload("[\"torn " + new string('x', 300) + "\"]"));
        archive.Dispose();
        var segment = Assert.Single(Segments());
        using (var file = new FileStream(segment, FileMode.Open, FileAccess.Write))
        {
            file.SetLength(file.Length - bytesCut);
        }

        var reader = NewArchive();
        Assert.Equal([whole.Key], (await ListAsync(reader)).Select(e => e.Key));
        Assert.Null(await reader.GetAsync(torn.Key));
        Assert.NotNull(await reader.GetAsync(whole.Key));

        // The batch is re-delivered (it was never processed): archived again, in a new segment, and whole this time.
        var retried = await reader.AppendAsync(Payload("[\"torn " + new string('x', 300) + "\"]"));
        Assert.False(retried.AlreadyExisted);
        Assert.Equal(torn.Key, retried.Key);
        Assert.Equal(2, Segments().Length);
        Assert.Equal(new[] { whole.Key, torn.Key }.Order(StringComparer.Ordinal), (await ListAsync(NewArchive())).Select(e => e.Key));
    }

    [Fact]
    public async Task ALastRecordWhoseBytesWereNeverWritten_FailsItsChecksum_AndIsIgnored()
    {
        var archive = NewArchive();
        var whole = await archive.AppendAsync(Payload("[\"whole\"]"));
        var lost = await archive.AppendAsync(Payload("[\"lost\"]"));
        archive.Dispose();
        // After a power loss the file may keep its length while the last blocks read as zeros.
        var segment = Assert.Single(Segments());
        var bytes = await File.ReadAllBytesAsync(segment);
        Array.Clear(bytes, bytes.Length - 12, 12);
        await File.WriteAllBytesAsync(segment, bytes);

        var reader = NewArchive();
        Assert.Equal([whole.Key], (await ListAsync(reader)).Select(e => e.Key));
        Assert.Null(await reader.GetAsync(lost.Key));
        Assert.False((await reader.AppendAsync(Payload("[\"lost\"]"))).AlreadyExisted);
    }

    [Fact]
    public async Task DeleteDay_RemovesAppendedAndPutPayloads_CountsEachKeyOnce_AndAppendingGoesOnAfterwards()
    {
        var archive = NewArchive();
        await archive.AppendAsync(Payload("[1]"));
        await archive.AppendAsync(Payload("[2]", dataset: "ticks-rejected"));
        await archive.PutAsync(Payload("[3]"));

        Assert.Equal(3, await archive.DeleteDayAsync("ticks", Day));
        Assert.Empty(await ListAsync(archive));

        var after = await archive.AppendAsync(Payload("[1]"));
        Assert.False(after.AlreadyExisted);
        Assert.NotNull(await archive.GetAsync(after.Key));
    }

    [Fact]
    public async Task AnotherProcessesSegment_IsReadByKey_EvenWhenThisArchiveLoadedItsIndexBefore()
    {
        var reader = NewArchive();
        await reader.AppendAsync(Payload("[0]"));
        var written = await NewArchive().AppendAsync(Payload("[\"elsewhere\"]"));

        var item = await reader.GetAsync(written.Key);

        Assert.Equal("[\"elsewhere\"]", Encoding.UTF8.GetString(item!.Content.Span));
    }
}
