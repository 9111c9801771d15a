using System.Security.Cryptography;
using System.Text;
using MarketIntel.Core.Brokerage;
using Microsoft.AspNetCore.DataProtection;

namespace MarketIntel.Brokers.Secrets;

/// <summary>
/// Secrets at rest on this machine: each value encrypted with ASP.NET Core Data Protection (authenticated encryption,
/// keys rotated by the library every 90 days and kept to decrypt older values) and written to
/// <c>{folder}/values/{name}.secret</c>; the key ring is <c>{folder}/keys</c>. On Unix both folders are created for the
/// owner only (0700) and each value file is 0600. The key ring itself is stored unencrypted (no certificate or DPAPI on
/// Linux), so the protection is against a copied or committed values folder and a value read by another user, not
/// against someone who can read the whole data folder as this user: that is what Key Vault is for in Azure.
/// <para>Each value is protected under its own name as the purpose, so a file copied or renamed to another name does not
/// decrypt. A value that cannot be decrypted (the key ring was deleted, or the values folder was copied without it) is an
/// <see cref="InvalidOperationException"/> naming the secret and the key ring folder, never the value.</para>
/// </summary>
public sealed class DataProtectedSecretStore : IBrokerSecretStore
{
    /// <summary>The Data Protection application name and purpose root; changing either makes every stored value unreadable.</summary>
    public const string ApplicationName = "MarketIntel";
    public const string Purpose = "MarketIntel.Brokers.Secrets.v1";

    private const UnixFileMode OwnerOnlyFolder = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
    private const UnixFileMode OwnerOnlyFile = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    private readonly IDataProtector _protector;
    private readonly string _values;
    private readonly string _keys;

    /// <param name="folder">The folder for the key ring and the values (the host uses <c>{Storage:DataPath}/secrets</c>).</param>
    public DataProtectedSecretStore(string folder)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(folder);
        var root = Path.GetFullPath(folder);
        _keys = Path.Combine(root, "keys");
        _values = Path.Combine(root, "values");
        CreateOwnerOnlyFolder(root);
        CreateOwnerOnlyFolder(_keys);
        CreateOwnerOnlyFolder(_values);
        var provider = DataProtectionProvider.Create(new DirectoryInfo(_keys), builder => builder.SetApplicationName(ApplicationName));
        _protector = provider.CreateProtector(Purpose);
    }

    /// <summary>Where the key ring is (for messages and the README's back-up advice).</summary>
    public string KeyRingFolder => _keys;

    public async Task<string?> ReadAsync(string name, CancellationToken cancellationToken = default)
    {
        var path = PathOf(name);
        byte[] protectedBytes;
        try
        {
            protectedBytes = await File.ReadAllBytesAsync(path, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return null;
        }

        try
        {
            return Encoding.UTF8.GetString(_protector.CreateProtector(name).Unprotect(protectedBytes));
        }
        catch (CryptographicException e)
        {
            throw new InvalidOperationException(
                $"secret '{name}' cannot be decrypted with the key ring in {_keys} (deleted key ring, or a values folder copied without it?): {e.GetType().Name}");
        }
    }

    public async Task WriteAsync(string name, string value, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(value);
        var path = PathOf(name);
        var bytes = _protector.CreateProtector(name).Protect(Encoding.UTF8.GetBytes(value));
        CreateOwnerOnlyFolder(Path.GetDirectoryName(path)!);

        // Written beside under a name of its own and renamed over the old value, so a crash leaves the old value or the
        // new one, never half of one, and two writers of one name leave one whole value (the last rename's).
        var temporary = $"{path}.{Guid.NewGuid():N}.tmp";
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = OwnerOnlyFile;
        }

        await using (var stream = new FileStream(temporary, options))
        {
            await stream.WriteAsync(bytes, cancellationToken).ConfigureAwait(false);
            await stream.FlushAsync(cancellationToken).ConfigureAwait(false);
            stream.Flush(flushToDisk: true);
        }

        File.Move(temporary, path, overwrite: true);
    }

    public Task DeleteAsync(string name, CancellationToken cancellationToken = default)
    {
        File.Delete(PathOf(name));
        return Task.CompletedTask;
    }

    private string PathOf(string name) =>
        Path.Combine(_values, Path.Combine(BrokerSecretName.Validate(name).Split('/'))) + ".secret";

    private static void CreateOwnerOnlyFolder(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(path);
            return;
        }

        Directory.CreateDirectory(path, OwnerOnlyFolder);
    }
}
