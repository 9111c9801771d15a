using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;
using MarketIntel.Core.Market;
using Microsoft.Extensions.ObjectPool;

namespace MarketIntel.Ingestion.Streaming;

/// <summary>
/// The per-batch buffers of <see cref="TickBatchProcessor"/>, pooled: a batch's archive copy (about 150 KB for 1,000
/// messages) and its parsed ticks would otherwise land on the large-object heap every batch, and the gen-2 collections
/// that follow cost more than the batch's own work.
/// </summary>
internal static class TickBatchBuffers
{
    /// <summary>Buffers that grew past this (a batch of huge messages) are dropped rather than kept for ever.</summary>
    private const int MaxRetainedBytes = 4 * 1024 * 1024;

    private const int MaxRetainedTicks = 16 * 1024;

    private static readonly ObjectPool<ArrayBufferWriter<byte>> Archive =
        new DefaultObjectPool<ArrayBufferWriter<byte>>(new Policy<ArrayBufferWriter<byte>>(() => new(256 * 1024), b => b.Capacity <= MaxRetainedBytes, b => b.ResetWrittenCount()));

    private static readonly ObjectPool<List<(int Index, Tick Tick)>> Ticks =
        new DefaultObjectPool<List<(int Index, Tick Tick)>>(new Policy<List<(int Index, Tick Tick)>>(() => new(1024), l => l.Capacity <= MaxRetainedTicks, l => l.Clear()));

    // The archive holds the messages as a JSON array of strings. Relaxed escaping writes a quote inside a message as \"
    // rather than \u0022: the same strings when read back, a third smaller and faster to write (nothing here is HTML).
    private static readonly JsonWriterOptions ArchiveJson = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, SkipValidation = true };

    /// <summary>The messages as the archived JSON array, in a pooled buffer to give back with <see cref="Return(ArrayBufferWriter{byte})"/>.</summary>
    public static ArrayBufferWriter<byte> WriteArchive(IReadOnlyList<string> messages)
    {
        var buffer = Archive.Get();
        using var writer = new Utf8JsonWriter(buffer, ArchiveJson);
        writer.WriteStartArray();
        for (var i = 0; i < messages.Count; i++)
        {
            writer.WriteStringValue(messages[i]);
        }

        writer.WriteEndArray();
        writer.Flush();
        return buffer;
    }

    public static void Return(ArrayBufferWriter<byte> buffer) => Archive.Return(buffer);

    public static List<(int Index, Tick Tick)> RentTicks() => Ticks.Get();

    public static void Return(List<(int Index, Tick Tick)> ticks) => Ticks.Return(ticks);

    private sealed class Policy<T>(Func<T> create, Func<T, bool> keep, Action<T> reset) : IPooledObjectPolicy<T>
        where T : notnull
    {
        public T Create() => create();

        public bool Return(T obj)
        {
            if (!keep(obj))
            {
                return false;
            }

            reset(obj);
            return true;
        }
    }
}
