using System.Buffers;
using MarketIntel.Core.Storage;
using MarketIntel.Storage.Documents;

namespace MarketIntel.Storage.Embedded;

/// <summary>
/// A batch of records encoded (and so validated) before anything is written, their stored bytes side by side in one
/// pooled buffer given back on <see cref="Dispose"/>. Why: the tick path writes a state per touched bar in every batch,
/// and an array per record was the largest share of its allocation.
/// </summary>
internal sealed class EncodedRecords : IDisposable
{
    /// <summary>Larger buffers (a batch of big journal entries) are left to the collector, not kept in the shared pool.</summary>
    private const int MaxPooledBytes = 1 << 20;

    private readonly RecordDocument[] _documents;
    private readonly int[] _ends;
    private byte[] _bytes;
    private int _length;

    private EncodedRecords(int count)
    {
        _documents = new RecordDocument[count];
        _ends = new int[count];
        _bytes = count == 0 ? [] : ArrayPool<byte>.Shared.Rent(Math.Min(count, 2048) * 512);
    }

    public int Count => _documents.Length;

    /// <summary>Each record encoded in order; throws <see cref="InvalidRecordException"/> for the first bad one.</summary>
    public static EncodedRecords Of<T>(IReadOnlyList<RecordEnvelope<T>> records, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(records);
        var encoded = new EncodedRecords(records.Count);
        try
        {
            for (var i = 0; i < records.Count; i++)
            {
                encoded.Append(i, RecordCodec.EncodeToThreadBuffer(records[i], now, out encoded._documents[i]));
            }

            return encoded;
        }
        catch
        {
            encoded.Dispose();
            throw;
        }
        finally
        {
            RecordCodec.ReleaseLargeThreadBuffer();
        }
    }

    public RecordDocument Document(int index) => _documents[index];

    public ReadOnlySpan<byte> Json(int index)
    {
        var start = index == 0 ? 0 : _ends[index - 1];
        return _bytes.AsSpan(start, _ends[index] - start);
    }

    public void Dispose()
    {
        GiveBack(_bytes);
        _bytes = [];
    }

    private static void GiveBack(byte[] bytes)
    {
        if (bytes.Length is > 0 and <= MaxPooledBytes)
        {
            ArrayPool<byte>.Shared.Return(bytes);
        }
    }

    private void Append(int index, ReadOnlySpan<byte> json)
    {
        if (_length + json.Length > _bytes.Length)
        {
            var larger = ArrayPool<byte>.Shared.Rent(Math.Max(_bytes.Length * 2, _length + json.Length));
            _bytes.AsSpan(0, _length).CopyTo(larger);
            GiveBack(_bytes);
            _bytes = larger;
        }

        json.CopyTo(_bytes.AsSpan(_length));
        _length += json.Length;
        _ends[index] = _length;
    }
}
