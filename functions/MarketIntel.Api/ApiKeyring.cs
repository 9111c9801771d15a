using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Primitives;

namespace MarketIntel.Api;

/// <summary>
/// The keys the API accepts, held as SHA-256 hashes: named keys from <c>Api:Keys:{name}:Sha256</c> (64 hex digits) with
/// <c>Api:Keys:{name}:Scope</c> (<c>Write</c>, the default, or <c>Read</c>), and the host's own <see cref="ApiOptions.Key"/>
/// (hashed on load, the text not kept). The named keys are re-read whenever the configuration reloads, so a key is
/// added, rotated or revoked without a restart. Matching hashes the presented key and compares it with every entry in
/// constant time.
/// </summary>
public sealed class ApiKeyring : IDisposable
{
    public const string Section = "Api:Keys";

    private readonly IConfiguration _configuration;
    private readonly ApiKey? _hostKey;
    private readonly IDisposable _reload;
    private volatile IReadOnlyList<ApiKey> _keys;

    public ApiKeyring(IConfiguration configuration, ApiOptions options)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(options);
        _configuration = configuration;
        _hostKey = string.IsNullOrEmpty(options.Key) ? null : new ApiKey("host", Hash(options.Key), ApiAccess.Write);
        _keys = Load();
        _reload = ChangeToken.OnChange(configuration.GetReloadToken, Reload);
    }

    /// <summary>Why the last reload was refused (the keys in force stay), or null.</summary>
    public string? LastReloadError { get; private set; }

    /// <summary>The accepted keys (hashes and scopes), as of the last configuration load.</summary>
    public IReadOnlyList<ApiKey> Keys => _keys;

    /// <summary>The key the presented text is, or null; every entry is compared, in constant time.</summary>
    public ApiKey? Match(string presented)
    {
        ArgumentNullException.ThrowIfNull(presented);
        var hash = Hash(presented);
        ApiKey? found = null;
        foreach (var key in _keys)
        {
            if (CryptographicOperations.FixedTimeEquals(hash, key.Sha256))
            {
                found = key;
            }
        }

        return found;
    }

    public static byte[] Hash(string key) => SHA256.HashData(Encoding.UTF8.GetBytes(key));

    public void Dispose() => _reload.Dispose();

    private void Reload()
    {
        try
        {
            _keys = Load();
            LastReloadError = null;
        }
        catch (InvalidOperationException ex)
        {
            // A mistyped key must not revoke every key: the ones in force stay until the configuration is fixed.
            LastReloadError = ex.Message;
        }
    }

    private List<ApiKey> Load()
    {
        var keys = new List<ApiKey>();
        if (_hostKey is not null)
        {
            keys.Add(_hostKey);
        }

        foreach (var entry in _configuration.GetSection(Section).GetChildren())
        {
            var hex = entry["Sha256"] ?? string.Empty;
            if (hex.Length != 64 || !hex.All(char.IsAsciiHexDigit))
            {
                throw new InvalidOperationException($"{Section}:{entry.Key}:Sha256 must be the key's SHA-256 as 64 hex digits");
            }

            var scopeText = entry["Scope"] ?? nameof(ApiAccess.Write);
            if (!Enum.TryParse<ApiAccess>(scopeText, ignoreCase: true, out var scope) || !Enum.IsDefined(scope))
            {
                throw new InvalidOperationException(string.Create(CultureInfo.InvariantCulture, $"{Section}:{entry.Key}:Scope is '{scopeText}'; use Read or Write"));
            }

            keys.Add(new ApiKey(entry.Key, Convert.FromHexString(hex), scope));
        }

        return keys;
    }
}
