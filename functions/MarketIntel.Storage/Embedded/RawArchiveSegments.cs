using System.Buffers.Binary;
using System.IO.Hashing;
using System.Text.Json;
using MarketIntel.Storage.Documents;
using Microsoft.Win32.SafeHandles;

namespace MarketIntel.Storage.Embedded;

/// <summary>
/// The append-only segment files of <see cref="FileRawArchive"/>: payloads appended through
/// <see cref="Core.Storage.IRawArchive.AppendAsync"/> go one after another into one file per archive instance and
/// archive folder (<c>provider/yyyy/MM/dd/dataset/</c>), so a tick batch costs one write instead of two files written
/// and renamed. Each archive instance writes segments of its own (<c>{started}-{random}.segment</c>), so writers never
/// share a file and a new process never appends behind an earlier one's torn tail.
/// </summary>
/// <remarks>
/// <para>A record: magic <c>MIS1</c>, metadata length (int32), content length (int64), the content's SHA-256 (32 bytes),
/// the metadata as UTF-8 JSON (the <c>.meta.json</c> dictionary of a loose file, with its key), the content, then a
/// CRC-32 of everything before it; integers little-endian. A record is written by one positional write; readers stop
/// at the first record that is incomplete or fails its magic or checksum (a torn tail after a crash), and a writer
/// whose write failed abandons its segment, so nothing is ever appended behind a torn record.</para>
/// <para>Durability: each record is handed to the operating system before the append returns (it survives a crash of
/// the process); it is forced to the disk when its segment is closed (day or size roll, disposal), not per record, the
/// same guarantee as the embedded SQLite store, which commits with <c>synchronous=NORMAL</c>.</para>
/// <para>The first-copy rule needs to know which contents a folder holds: an index per folder (SHA-256 to location),
/// loaded from the folder's segments at first use and bounded at <see cref="MaxIndexedPerFolder"/> recent entries, in
/// two generations. A payload re-appended after its entry was dropped (hundreds of thousands of batches later) is
/// written a second time under the same key; readers return the first copy and list the key once.</para>
/// </remarks>
internal sealed class RawArchiveSegments : IDisposable
{
    public const string Extension = ".segment";
    public const string KeyField = "key";
    public const int MaxIndexedPerFolder = 262_144;

    private const uint Magic = 0x3153494D; // "MIS1" read as a little-endian uint32
    private const int HeaderSize = 48;
    private const int ChecksumSize = 4;
    private const long MaxSegmentBytes = 256L * 1024 * 1024;
    private const int MaxOpenWriters = 16;

    private readonly object _gate = new();
    private readonly Dictionary<string, Folder> _folders = new(StringComparer.Ordinal);

    /// <summary>Where a record starts, and its segment file.</summary>
    public readonly record struct Location(string Segment, long Offset);

    /// <summary>A record's metadata (with its key) and where its content is.</summary>
    public sealed record SegmentRecord(string Segment, long Offset, Dictionary<string, string> Metadata, long ContentLength)
    {
        public string Key => Metadata.TryGetValue(KeyField, out var key) ? key : string.Empty;
    }

    /// <summary>Whether the folder's segments hold the content (by the index: what this instance wrote or loaded).</summary>
    public bool TryFind(string folder, ReadOnlySpan<byte> sha256, out Location location)
    {
        lock (_gate)
        {
            return FolderOf(folder).TryFind(ShaKey(sha256), out location);
        }
    }

    /// <summary>Appends the record unless the folder's index holds the content already; returns where the first copy is.</summary>
    public (Location Location, bool Appended) Append(string folder, ReadOnlySpan<byte> sha256, ReadOnlyMemory<byte> metadataJson, ReadOnlyMemory<byte> content)
    {
        var key = ShaKey(sha256);
        var header = new byte[HeaderSize];
        BinaryPrimitives.WriteUInt32LittleEndian(header, Magic);
        BinaryPrimitives.WriteInt32LittleEndian(header.AsSpan(4), metadataJson.Length);
        BinaryPrimitives.WriteInt64LittleEndian(header.AsSpan(8), content.Length);
        sha256.CopyTo(header.AsSpan(16));
        var crc = new Crc32();
        crc.Append(header);
        crc.Append(metadataJson.Span);
        crc.Append(content.Span);
        var checksum = new byte[ChecksumSize];
        crc.GetCurrentHash(checksum);
        var length = HeaderSize + metadataJson.Length + content.Length + ChecksumSize;
        lock (_gate)
        {
            var state = FolderOf(folder);
            if (state.TryFind(key, out var existing))
            {
                return (existing, false);
            }

            var writer = WriterOf(folder, state, length);
            var offset = writer.Length;
            try
            {
                RandomAccess.Write(writer.Handle, [header, metadataJson, content, checksum], offset);
            }
            catch
            {
                // A failed write may have left part of the record: the segment is abandoned (never appended to again).
                state.Writer = null;
                writer.Dispose();
                throw;
            }

            writer.Length += length;
            var location = new Location(writer.Path, offset);
            state.Add(key, location);
            return (location, true);
        }
    }

    /// <summary>The record at <paramref name="location"/> with its content, or null when it is incomplete or corrupt.</summary>
    public static (SegmentRecord Record, byte[] Content)? Read(Location location)
    {
        using var handle = OpenRead(location.Segment);
        var fileLength = RandomAccess.GetLength(handle);
        if (ReadRecord(handle, location.Segment, location.Offset, fileLength, verify: true, withContent: true) is not { } read)
        {
            return null;
        }

        return (read.Record, read.Content!);
    }

    /// <summary>Every complete record of every segment in the folder (none when it has none), in file then write order.</summary>
    public static List<SegmentRecord> Scan(string folder)
    {
        var records = new List<SegmentRecord>();
        foreach (var segment in SegmentFiles(folder))
        {
            foreach (var (record, _) in ScanSegment(segment, withMetadata: true))
            {
                records.Add(record!);
            }
        }

        return records;
    }

    /// <summary>The folders under <paramref name="root"/> (it included) that hold segments.</summary>
    public static IEnumerable<string> FoldersWithSegments(string root) =>
        Directory.Exists(root)
            ? Directory.EnumerateFiles(root, "*" + Extension, SearchOption.AllDirectories).Select(Path.GetDirectoryName).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)!
            : [];

    /// <summary>Closes the writers and drops the indexes of every folder under <paramref name="root"/> (before it is deleted).</summary>
    public void Forget(string root)
    {
        root = Path.TrimEndingDirectorySeparator(root);
        lock (_gate)
        {
            foreach (var folder in _folders.Keys.Where(f => f == root || f.StartsWith(root + Path.DirectorySeparatorChar, StringComparison.Ordinal)).ToList())
            {
                _folders[folder].Writer?.Dispose();
                _folders.Remove(folder);
            }
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            foreach (var state in _folders.Values)
            {
                state.Writer?.Dispose();
                state.Writer = null;
            }

            _folders.Clear();
        }
    }

    private static (UInt128, UInt128) ShaKey(ReadOnlySpan<byte> sha256) =>
        sha256.Length == 32
            ? (BinaryPrimitives.ReadUInt128LittleEndian(sha256), BinaryPrimitives.ReadUInt128LittleEndian(sha256[16..]))
            : throw new ArgumentException("A SHA-256 is 32 bytes.", nameof(sha256));

    private Folder FolderOf(string folder)
    {
        if (_folders.TryGetValue(folder, out var state))
        {
            return state;
        }

        state = new Folder();
        foreach (var segment in SegmentFiles(folder))
        {
            foreach (var (_, entry) in ScanSegment(segment, withMetadata: false))
            {
                state.Add(entry.Sha, new Location(segment, entry.Offset), keepFirst: true);
            }
        }

        _folders[folder] = state;
        return state;
    }

    private Writer WriterOf(string folder, Folder state, int recordLength)
    {
        if (state.Writer is { } open && open.Length + recordLength <= MaxSegmentBytes)
        {
            return open;
        }

        state.Writer?.Dispose();
        state.Writer = null;
        var writers = _folders.Values.Where(f => f.Writer is not null).ToList();
        if (writers.Count >= MaxOpenWriters)
        {
            // Writers of folders not written lately (earlier days) are closed: a day's folder stops growing at midnight.
            var oldest = writers.MinBy(f => f.Writer!.LastWrite)!;
            oldest.Writer!.Dispose();
            oldest.Writer = null;
        }

        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, DateTime.UtcNow.ToString("yyyyMMdd'T'HHmmss'Z'", System.Globalization.CultureInfo.InvariantCulture) + "-" + Guid.NewGuid().ToString("N")[..8] + Extension);
        state.Writer = new Writer(path, File.OpenHandle(path, FileMode.CreateNew, FileAccess.Write, FileShare.Read | FileShare.Delete));
        return state.Writer;
    }

    private static IEnumerable<string> SegmentFiles(string folder) =>
        Directory.Exists(folder) ? Directory.EnumerateFiles(folder, "*" + Extension).Order(StringComparer.Ordinal).ToList() : [];

    private static SafeFileHandle OpenRead(string path) => File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);

    /// <summary>The records of one segment up to its first incomplete or corrupt one; only the last is checksummed (a torn tail).</summary>
    private static List<(SegmentRecord? Record, (long Offset, (UInt128, UInt128) Sha) Entry)> ScanSegment(string segment, bool withMetadata)
    {
        var result = new List<(SegmentRecord?, (long, (UInt128, UInt128)))>();
        using var handle = OpenRead(segment);
        var fileLength = RandomAccess.GetLength(handle);
        long offset = 0;
        var header = new byte[HeaderSize];
        while (offset + HeaderSize + ChecksumSize <= fileLength)
        {
            if (RandomAccess.Read(handle, header, offset) != HeaderSize || !TryHeader(header, offset, fileLength, out var metadataLength, out var contentLength))
            {
                break;
            }

            var next = offset + HeaderSize + metadataLength + contentLength + ChecksumSize;
            var last = next + HeaderSize + ChecksumSize > fileLength;
            SegmentRecord? record = null;
            if (withMetadata || last)
            {
                // The last record may be a torn write whose length fields survived: its checksum decides.
                if (ReadRecord(handle, segment, offset, fileLength, verify: last, withContent: false) is not { } read)
                {
                    break;
                }

                record = read.Record;
            }

            result.Add((record, (offset, ShaKey(header.AsSpan(16, 32)))));
            offset = next;
        }

        return result;
    }

    private static bool TryHeader(ReadOnlySpan<byte> header, long offset, long fileLength, out int metadataLength, out long contentLength)
    {
        metadataLength = BinaryPrimitives.ReadInt32LittleEndian(header[4..]);
        contentLength = BinaryPrimitives.ReadInt64LittleEndian(header[8..]);
        return BinaryPrimitives.ReadUInt32LittleEndian(header) == Magic && metadataLength >= 0 && contentLength >= 0
            && offset + HeaderSize + metadataLength + contentLength + ChecksumSize <= fileLength;
    }

    private static (SegmentRecord Record, byte[]? Content)? ReadRecord(SafeFileHandle handle, string segment, long offset, long fileLength, bool verify, bool withContent)
    {
        var header = new byte[HeaderSize];
        if (RandomAccess.Read(handle, header, offset) != HeaderSize || !TryHeader(header, offset, fileLength, out var metadataLength, out var contentLength))
        {
            return null;
        }

        var metadataJson = new byte[metadataLength];
        if (RandomAccess.Read(handle, metadataJson, offset + HeaderSize) != metadataLength)
        {
            return null;
        }

        byte[]? content = null;
        if (verify || withContent)
        {
            content = new byte[contentLength];
            var checksum = new byte[ChecksumSize];
            if (RandomAccess.Read(handle, content, offset + HeaderSize + metadataLength) != contentLength
                || RandomAccess.Read(handle, checksum, offset + HeaderSize + metadataLength + contentLength) != ChecksumSize)
            {
                return null;
            }

            var crc = new Crc32();
            crc.Append(header);
            crc.Append(metadataJson);
            crc.Append(content);
            if (BinaryPrimitives.ReadUInt32LittleEndian(checksum) != crc.GetCurrentHashAsUInt32())
            {
                return null;
            }
        }

        Dictionary<string, string>? metadata;
        try
        {
            metadata = JsonSerializer.Deserialize<Dictionary<string, string>>(metadataJson, StorageJson.Options);
        }
        catch (JsonException)
        {
            return null;
        }

        return metadata is null ? null : (new SegmentRecord(segment, offset, metadata, contentLength), withContent ? content : null);
    }

    /// <summary>One archive folder: its index (two generations, bounded) and its open segment, if any.</summary>
    private sealed class Folder
    {
        private Dictionary<(UInt128, UInt128), Location> _recent = [];
        private Dictionary<(UInt128, UInt128), Location> _older = [];

        public Writer? Writer { get; set; }

        public bool TryFind((UInt128, UInt128) sha, out Location location) => _recent.TryGetValue(sha, out location) || _older.TryGetValue(sha, out location);

        public void Add((UInt128, UInt128) sha, Location location, bool keepFirst = false)
        {
            if (keepFirst && TryFind(sha, out _))
            {
                return;
            }

            if (_recent.Count >= MaxIndexedPerFolder / 2)
            {
                _older = _recent;
                _recent = [];
            }

            _recent[sha] = location;
        }
    }

    private sealed class Writer(string path, SafeFileHandle handle) : IDisposable
    {
        private long _length;

        public string Path { get; } = path;

        public SafeFileHandle Handle { get; } = handle;

        public long LastWrite { get; private set; }

        public long Length
        {
            get => _length;
            set
            {
                _length = value;
                LastWrite = Environment.TickCount64;
            }
        }

        public void Dispose()
        {
            try
            {
                // The fsync policy: a segment reaches the disk when it is closed (see the remarks of RawArchiveSegments).
                RandomAccess.FlushToDisk(Handle);
            }
            catch (IOException)
            {
                // Closing still releases the file; what was written is with the operating system already.
            }
            finally
            {
                Handle.Dispose();
            }
        }
    }
}
