using System.Buffers;
using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using MarketIntel.Core.Market;

namespace MarketIntel.Ingestion.Streaming;

/// <summary>
/// The trade ids one stream bar holds, kept small whatever the trade rate, so that its merge state (<see cref="TickBarState"/>)
/// stays a small record.
/// </summary>
/// <remarks>
/// <para><b>Numeric ids</b> (Binance and Coinbase number each symbol's trades with consecutive integers) are kept as
/// sorted, disjoint, non-adjacent ranges: a minute of consecutive ids is one range whatever its length; a missed trade
/// that arrives later (a reconnect's repair) splits nothing, it fills its gap. When ids are sparse (a venue numbering
/// all its symbols' trades in one sequence) a bar holds at most <c>maxRanges</c> ranges: one more joins the ranges
/// around the smallest gaps (down to three quarters of the limit) and the ids of those gaps count as held
/// (<see cref="AbsorbedIds"/> says how many). That errs towards refusing, never towards counting twice: an absorbed id
/// that really arrives later is reported as a duplicate, which only happens to a bar with more than <c>maxRanges</c>
/// holes.</para>
/// <para><b>Text ids</b> are kept as the first 8 bytes of their SHA-256 (BCL, stable across processes; the odds that two
/// of 16,384 text ids of one bar collide are about 10^-11), at most <c>maxTextIds</c> per bar; beyond that <see cref="Add"/> says
/// <see cref="TradeIdAddResult.Full"/> and the caller refuses the trade rather than risk counting it twice.</para>
/// </remarks>
public sealed class TradeIdSet
{
    private readonly List<(long First, long Last)> _ranges;
    private readonly HashSet<long> _textHashes;
    private readonly int _maxRanges;
    private readonly int _maxTextIds;

    public TradeIdSet(int maxRanges, int maxTextIds)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxRanges, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(maxTextIds);
        _maxRanges = maxRanges;
        _maxTextIds = maxTextIds;
        _ranges = [];
        _textHashes = [];
    }

    /// <summary>Ids never seen that count as held because their gap was absorbed at the range limit (0 for consecutive ids).</summary>
    public long AbsorbedIds { get; private set; }

    public int RangeCount => _ranges.Count;

    public int TextIdCount => _textHashes.Count;

    /// <summary>Rebuilds a set from its stored form (<see cref="ToRanges"/>, <see cref="ToTextHashes"/>, <see cref="AbsorbedIds"/>).</summary>
    /// <exception cref="FormatException">The ranges are not sorted, disjoint pairs, or the hashes not whole 8-byte values.</exception>
    public static TradeIdSet From(IReadOnlyList<long>? ranges, byte[]? textHashes, long absorbedIds, int maxRanges, int maxTextIds)
    {
        var set = new TradeIdSet(maxRanges, maxTextIds) { AbsorbedIds = absorbedIds };
        if (ranges is not null)
        {
            if (ranges.Count % 2 != 0)
            {
                throw new FormatException("Trade id ranges must be [first, last] pairs.");
            }

            for (var i = 0; i < ranges.Count; i += 2)
            {
                var (first, last) = (ranges[i], ranges[i + 1]);
                if (first > last || (set._ranges.Count > 0 && first <= set._ranges[^1].Last))
                {
                    throw new FormatException($"Trade id ranges must be sorted and disjoint (pair {i / 2}: {first}..{last}).");
                }

                set._ranges.Add((first, last));
            }
        }

        if (textHashes is not null)
        {
            if (textHashes.Length % sizeof(long) != 0)
            {
                throw new FormatException("Text trade id hashes must be whole 8-byte values.");
            }

            for (var i = 0; i < textHashes.Length; i += sizeof(long))
            {
                set._textHashes.Add(BinaryPrimitives.ReadInt64LittleEndian(textHashes.AsSpan(i)));
            }
        }

        // A stored set may exceed lower limits configured since it was written: bring it within them.
        set.AbsorbOverLimit();
        return set;
    }

    public bool Contains(TradeId id)
    {
        if (!id.TryGetNumber(out var n))
        {
            return _textHashes.Contains(HashOf(id));
        }

        var i = IndexAfter(n) - 1;
        return i >= 0 && n <= _ranges[i].Last;
    }

    public TradeIdAddResult Add(TradeId id)
    {
        if (!id.TryGetNumber(out var n))
        {
            var hash = HashOf(id);
            if (_textHashes.Contains(hash))
            {
                return TradeIdAddResult.AlreadyPresent;
            }

            if (_textHashes.Count >= _maxTextIds)
            {
                return TradeIdAddResult.Full;
            }

            _textHashes.Add(hash);
            return TradeIdAddResult.Added;
        }

        var count = _ranges.Count;
        if (count > 0)
        {
            // The common case: the next consecutive id of the symbol extends the newest range.
            var newest = _ranges[count - 1];
            if (newest.Last != long.MaxValue && n == newest.Last + 1)
            {
                _ranges[count - 1] = (newest.First, n);
                return TradeIdAddResult.Added;
            }
        }

        var next = IndexAfter(n);
        var previous = next - 1;
        if (previous >= 0 && n <= _ranges[previous].Last)
        {
            return TradeIdAddResult.AlreadyPresent;
        }

        var joinsPrevious = previous >= 0 && _ranges[previous].Last == n - 1;
        var joinsNext = next < count && _ranges[next].First == n + 1;
        if (joinsPrevious && joinsNext)
        {
            _ranges[previous] = (_ranges[previous].First, _ranges[next].Last);
            _ranges.RemoveAt(next);
        }
        else if (joinsPrevious)
        {
            _ranges[previous] = (_ranges[previous].First, n);
        }
        else if (joinsNext)
        {
            _ranges[next] = (n, _ranges[next].Last);
        }
        else
        {
            _ranges.Insert(next, (n, n));
            AbsorbOverLimit();
        }

        return TradeIdAddResult.Added;
    }

    /// <summary>The numeric ranges as <c>[first, last, first, last, ...]</c>, ascending.</summary>
    public long[] ToRanges()
    {
        var flat = new long[_ranges.Count * 2];
        for (var i = 0; i < _ranges.Count; i++)
        {
            (flat[2 * i], flat[(2 * i) + 1]) = _ranges[i];
        }

        return flat;
    }

    /// <summary>The text id hashes as ascending 8-byte little-endian values (so equal sets store equal bytes); null when none.</summary>
    public byte[]? ToTextHashes()
    {
        if (_textHashes.Count == 0)
        {
            return null;
        }

        var sorted = new long[_textHashes.Count];
        _textHashes.CopyTo(sorted);
        Array.Sort(sorted);
        var bytes = new byte[sorted.Length * sizeof(long)];
        for (var i = 0; i < sorted.Length; i++)
        {
            BinaryPrimitives.WriteInt64LittleEndian(bytes.AsSpan(i * sizeof(long)), sorted[i]);
        }

        return bytes;
    }

    /// <summary>The index of the first range starting after <paramref name="n"/> (binary search; ranges are sorted).</summary>
    private int IndexAfter(long n)
    {
        int lo = 0, hi = _ranges.Count;
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            if (_ranges[mid].First <= n)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }

        return lo;
    }

    /// <summary>
    /// Over the limit, joins the ranges around the smallest gaps (ties: the older ids first) until a quarter of the limit
    /// is free again, so a stream of sparse ids pays for one sort per quarter of the limit rather than a scan per id.
    /// The absorbed gaps' ids count as held.
    /// </summary>
    private void AbsorbOverLimit()
    {
        if (_ranges.Count <= _maxRanges)
        {
            return;
        }

        var target = _maxRanges - (_maxRanges / 4);
        var gaps = new (ulong Size, int Index)[_ranges.Count - 1];
        for (var i = 0; i < gaps.Length; i++)
        {
            // Unsigned difference: exact even when the ids span the whole long range.
            gaps[i] = (unchecked((ulong)(_ranges[i + 1].First - _ranges[i].Last)) - 1, i);
        }

        Array.Sort(gaps);
        var joinsNext = new bool[_ranges.Count];
        var absorbed = (ulong)AbsorbedIds;
        for (var k = 0; k < _ranges.Count - target; k++)
        {
            joinsNext[gaps[k].Index] = true;
            absorbed = absorbed > ulong.MaxValue - gaps[k].Size ? ulong.MaxValue : absorbed + gaps[k].Size;
        }

        var kept = 0;
        for (var i = 0; i < _ranges.Count; i++)
        {
            var first = _ranges[i].First;
            while (joinsNext[i])
            {
                i++;
            }

            _ranges[kept++] = (first, _ranges[i].Last);
        }

        _ranges.RemoveRange(kept, _ranges.Count - kept);
        AbsorbedIds = absorbed >= long.MaxValue ? long.MaxValue : (long)absorbed;
    }

    private static long HashOf(TradeId id)
    {
        var text = id.ToString();
        var length = Encoding.UTF8.GetMaxByteCount(text.Length);
        var rented = length <= 256 ? null : ArrayPool<byte>.Shared.Rent(length);
        try
        {
            Span<byte> buffer = rented ?? stackalloc byte[256];
            var written = Encoding.UTF8.GetBytes(text, buffer);
            Span<byte> digest = stackalloc byte[SHA256.HashSizeInBytes];
            SHA256.HashData(buffer[..written], digest);
            return BinaryPrimitives.ReadInt64LittleEndian(digest);
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }
}
