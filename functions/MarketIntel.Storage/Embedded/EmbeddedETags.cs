using System.Security.Cryptography;

namespace MarketIntel.Storage.Embedded;

/// <summary>
/// ETags of the embedded record store: a quoted 32-hex-digit value, a random 64-bit prefix drawn once per process followed
/// by a 64-bit counter. Why not a fresh GUID per write: on Linux each <see cref="Guid.NewGuid"/> asks the kernel for
/// random bytes (a system call), and a tick batch writes a state per touched bar: profiled, that was a fifth of the
/// batch's transaction. What an ETag must be is unchanged: never the same for two writes of one record, so a writer
/// holding an older one fails its condition. Within a process the counter never repeats; two processes share a prefix
/// with probability 2^-64.
/// </summary>
internal static class EmbeddedETags
{
    private static readonly ulong ProcessPrefix = BitConverter.ToUInt64(RandomNumberGenerator.GetBytes(sizeof(ulong)));
    private static long counter;

    public static string Next()
    {
        var sequence = unchecked((ulong)Interlocked.Increment(ref counter));
        return string.Create(34, (ProcessPrefix, sequence), static (chars, value) =>
        {
            chars[0] = '"';
            value.ProcessPrefix.TryFormat(chars[1..17], out _, "x16");
            value.sequence.TryFormat(chars[17..33], out _, "x16");
            chars[33] = '"';
        });
    }
}
