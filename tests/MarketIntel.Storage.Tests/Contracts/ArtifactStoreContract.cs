using System.Security.Cryptography;
using MarketIntel.Core.Storage;

namespace MarketIntel.Storage.Tests.Contracts;

/// <summary>The behaviour every <see cref="IArtifactStore"/> adapter must show; one subclass per adapter runs it.</summary>
public abstract class ArtifactStoreContract
{
    protected abstract IArtifactStore Store { get; }

    protected static string NewName(string file = "equity.json") => "backtests/" + Guid.NewGuid().ToString("N") + "/" + file;

    [Fact]
    public async Task LargeArtifact_FromANonSeekableStream_RoundTripsWithItsHash()
    {
        var content = new byte[24 * 1024 * 1024 + 17];
        new Random(9).NextBytes(content);
        var name = NewName("trades.bin");

        var entry = await Store.PutAsync(name, new NonSeekableStream(content), "application/octet-stream", "0.1.0");
        await using var read = await Store.OpenReadAsync(name);
        using var copy = new MemoryStream();
        await read!.CopyToAsync(copy);

        Assert.False(entry.AlreadyExisted);
        Assert.Equal(content.Length, entry.Length);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(content)), entry.Sha256);
        Assert.True(content.AsSpan().SequenceEqual(copy.ToArray()));
        var info = await Store.GetInfoAsync(name);
        Assert.Equal(entry, info);
    }

    [Fact]
    public async Task PutOfTheSameContentAgain_FindsTheFirstCopy()
    {
        var name = NewName();
        var first = await Store.PutAsync(name, new MemoryStream("[1,2,3]"u8.ToArray()), "application/json", "0.1.0");

        var retry = await Store.PutAsync(name, new MemoryStream("[1,2,3]"u8.ToArray()), "application/json", "0.1.1");

        Assert.True(retry.AlreadyExisted);
        Assert.Equal(first.Sha256, retry.Sha256);
        Assert.Equal("0.1.0", retry.CodeVersion);
    }

    [Fact]
    public async Task DifferentContentUnderATakenName_IsRefused_AndTheFirstContentStays()
    {
        var name = NewName();
        await Store.PutAsync(name, new MemoryStream("[1]"u8.ToArray()), "application/json", "0.1.0");

        var error = await Assert.ThrowsAsync<ConcurrencyConflictException>(() => Store.PutAsync(name, new MemoryStream("[2]"u8.ToArray()), "application/json", "0.1.0"));

        Assert.Contains("immutable", error.Message, StringComparison.Ordinal);
        await using var read = await Store.OpenReadAsync(name);
        using var reader = new StreamReader(read!);
        Assert.Equal("[1]", await reader.ReadToEndAsync());
    }

    [Fact]
    public async Task UnknownName_HasNoInfoAndNoContent()
    {
        Assert.Null(await Store.GetInfoAsync(NewName()));
        Assert.Null(await Store.OpenReadAsync(NewName()));
    }

    [Theory]
    [InlineData("../outside.json")]
    [InlineData("a//b")]
    [InlineData("spaces not allowed")]
    [InlineData("x.meta.json")]
    public async Task BadName_IsRejectedWithAClearError(string name)
    {
        var error = await Assert.ThrowsAsync<InvalidRecordException>(() => Store.PutAsync(name, new MemoryStream([1]), "application/octet-stream", "0.1.0"));

        Assert.Contains("rtifact name", error.Message, StringComparison.Ordinal);
    }

    /// <summary>A stream that cannot seek, like a network or compression stream.</summary>
    private sealed class NonSeekableStream(byte[] content) : MemoryStream(content)
    {
        public override bool CanSeek => false;

        public override long Seek(long offset, SeekOrigin loc) => throw new NotSupportedException();

        public override long Position
        {
            get => throw new NotSupportedException();
            set => throw new NotSupportedException();
        }
    }
}
