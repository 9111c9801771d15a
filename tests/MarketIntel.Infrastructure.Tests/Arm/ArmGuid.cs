using System.Security.Cryptography;
using System.Text;

namespace MarketIntel.Infrastructure.Tests.Arm;

/// <summary>
/// ARM's <c>guid(a, b, ...)</c>: a name-based (version 5, SHA-1) UUID in the namespace ARM uses, over the arguments
/// joined by '-'. Written here because no served package evaluates ARM functions; the role-name check compares it with
/// the names the Bicep snapshot evaluated, so a wrong implementation fails that check on the real infrastructure.
/// </summary>
public static class ArmGuid
{
    private static readonly Guid Namespace = new("11fb06fb-712d-4ddd-98c7-e71bbd588830");

    public static Guid Create(params string[] arguments)
    {
        var name = Encoding.UTF8.GetBytes(string.Join('-', arguments));
        var input = new byte[16 + name.Length];
        Namespace.TryWriteBytes(input, bigEndian: true, out _);
        name.CopyTo(input, 16);
        // SHA-1 is what the UUID v5 algorithm (and so ARM) prescribes; nothing here is a security use.
#pragma warning disable CA5350
        var hash = SHA1.HashData(input);
#pragma warning restore CA5350
        hash[6] = (byte)((hash[6] & 0x0F) | 0x50);
        hash[8] = (byte)((hash[8] & 0x3F) | 0x80);
        return new Guid(hash.AsSpan(0, 16), bigEndian: true);
    }
}
