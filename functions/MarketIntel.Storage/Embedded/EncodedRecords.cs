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
    private readonly RecordDocument[] _documents;
    private readonly int[] _ends;
    private byte[] _bytes;
    private int _length;

    private EncodedRecords(int count)
    {
        _documents = new RecordDocument[count];
        _ends = new int[count];
        _bytes = count == 0 ? [] : ArrayPool<byte>.Shared.Rent(count * 512);
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

            RecordCodec.ReleaseLargeThreadBuffer();
            return encoded;
        }
        catch
        {
            encoded.Dispose();
            throw;
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
        if (_bytes.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(_bytes);
            _bytes = [];
        }
    }

    private void Append(int index, ReadOnlySpan<byte> json)
    {
        if (_length + json.Length > _bytes.Length)
        {
            var larger = ArrayPool<byte>.Shared.Rent(Math.Max(_bytes.Length * 2, _length + json.Length));
            _bytes.AsSpan(0, _length).CopyTo(larger);
            if (_bytes.Length > 0)
            {
                ArrayPool<byte>.Shared.Return(_bytes);
            }

            _bytes = larger;
        }

        json.CopyTo(_bytes.AsSpan(_length));
        _length += json.Length;
        _ends[index] = _length;
    }
}
