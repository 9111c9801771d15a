using System.Text;
using MarketIntel.Brokers.Secrets;
using MarketIntel.Core.Brokerage;

namespace MarketIntel.Brokers.Tests.Secrets;

/// <summary>Broker secrets on this machine: encrypted at rest, owner-only, readable again only with their key ring and under their own name.</summary>
[Trait("Category", "Broker")]
public sealed class DataProtectedSecretStoreTests : IDisposable
{
    private const string Tokens = """{"access_token":"at-5f1c0a9e","refresh_token":"rt-77d2b4c1","expires_in":1800}""";
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "mi-secrets-" + Guid.NewGuid().ToString("N"));

    [Fact]
    public async Task AValueWritten_ReadsBackExactly_AfterANewStoreIsOpenedOnTheSameFolder()
    {
        await new DataProtectedSecretStore(_folder).WriteAsync("schwab/main/tokens", Tokens);

        Assert.Equal(Tokens, await new DataProtectedSecretStore(_folder).ReadAsync("schwab/main/tokens"));
        Assert.Null(await new DataProtectedSecretStore(_folder).ReadAsync("schwab/other/tokens"));
    }

    [Fact]
    public async Task NoFileUnderTheFolder_ContainsTheValueOrAnyOfItsTokens()
    {
        var store = new DataProtectedSecretStore(_folder);
        await store.WriteAsync("schwab/main/tokens", Tokens);
        await store.WriteAsync("alpaca/main/secret-key", "sk-PLAINTEXT-123");

        var files = Directory.GetFiles(_folder, "*", SearchOption.AllDirectories);
        Assert.Contains(files, f => f.EndsWith("tokens.secret", StringComparison.Ordinal));
        foreach (var file in files)
        {
            var text = Encoding.UTF8.GetString(await File.ReadAllBytesAsync(file));
            Assert.DoesNotContain("rt-77d2b4c1", text, StringComparison.Ordinal);
            Assert.DoesNotContain("at-5f1c0a9e", text, StringComparison.Ordinal);
            Assert.DoesNotContain("PLAINTEXT", text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task AValueReplaced_ReadsAsTheNewOne_AndDeletedReadsAsNone_AndNoTemporaryFileIsLeft()
    {
        var store = new DataProtectedSecretStore(_folder);
        await store.WriteAsync("tastytrade/main/tokens", "old");
        await store.WriteAsync("tastytrade/main/tokens", "new");
        Assert.Equal("new", await store.ReadAsync("tastytrade/main/tokens"));

        await store.DeleteAsync("tastytrade/main/tokens");
        await store.DeleteAsync("tastytrade/main/tokens");
        Assert.Null(await store.ReadAsync("tastytrade/main/tokens"));
        Assert.Empty(Directory.GetFiles(_folder, "*.tmp", SearchOption.AllDirectories));
    }

    [Fact]
    public async Task AValueFileCopiedToAnotherName_DoesNotDecrypt_AndTheErrorNamesTheSecretNotTheValue()
    {
        var store = new DataProtectedSecretStore(_folder);
        await store.WriteAsync("schwab/main/tokens", Tokens);
        var values = Path.Combine(_folder, "values", "schwab");
        Directory.CreateDirectory(Path.Combine(values, "other"));
        File.Copy(Path.Combine(values, "main", "tokens.secret"), Path.Combine(values, "other", "tokens.secret"));

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => store.ReadAsync("schwab/other/tokens"));
        Assert.Contains("schwab/other/tokens", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("rt-77d2b4c1", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WithoutItsKeyRing_AValueDoesNotDecrypt_AndTheErrorNamesTheKeyRingFolder()
    {
        await new DataProtectedSecretStore(_folder).WriteAsync("schwab/main/tokens", Tokens);
        Directory.Delete(Path.Combine(_folder, "keys"), recursive: true);

        var store = new DataProtectedSecretStore(_folder);
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => store.ReadAsync("schwab/main/tokens"));
        Assert.Contains(store.KeyRingFolder, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OnUnix_TheFoldersAreTheOwnersOnly_AndEachValueFileToo()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        var store = new DataProtectedSecretStore(_folder);
        await store.WriteAsync("alpaca/main/secret-key", "x");

        const UnixFileMode group = UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.GroupExecute;
        const UnixFileMode other = UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute;
        foreach (var folder in new[] { _folder, Path.Combine(_folder, "keys"), Path.Combine(_folder, "values"), Path.Combine(_folder, "values", "alpaca", "main") })
        {
            Assert.Equal(UnixFileMode.None, File.GetUnixFileMode(folder) & (group | other));
        }

        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(_folder, "values", "alpaca", "main", "secret-key.secret")));
    }

    [Theory]
    [InlineData("")]
    [InlineData("Schwab/main")]
    [InlineData("../escape")]
    [InlineData("schwab//main")]
    [InlineData("schwab/main/")]
    [InlineData("a--b")]
    [InlineData("a/b/c/d/e/f/g/h/i")]
    public async Task ANameOutsideTheRule_IsRefusedBeforeAnyFileIsTouched(string name)
    {
        var store = new DataProtectedSecretStore(_folder);

        var error = await Assert.ThrowsAsync<ArgumentException>(() => store.WriteAsync(name, "x"));
        Assert.Contains("secret name", error.Message, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFiles(Path.Combine(_folder, "values"), "*", SearchOption.AllDirectories));
    }

    public void Dispose()
    {
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }
}
