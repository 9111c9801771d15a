using System.Diagnostics;
using System.Globalization;

namespace MarketIntel.Cli;

/// <summary>Reports progress through a large input on stderr, at most twice a second; silent for small inputs.</summary>
public sealed class ProgressReporter
{
    private const long LargeInputBytes = 8L << 20;
    private readonly TextWriter _error;
    private readonly string _label;
    private readonly Stream _stream;
    private readonly bool _enabled;
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private long _nextReportMs = 500;
    private bool _reported;

    public ProgressReporter(TextWriter error, string label, Stream stream)
    {
        _error = error;
        _label = label;
        _stream = stream;
        _enabled = stream.CanSeek && stream.Length >= LargeInputBytes;
    }

    /// <summary>Cheap enough to call per row: it only looks at the clock every 64k rows.</summary>
    public void Tick(long rows)
    {
        if (!_enabled || (rows & 0xFFFF) != 0 || _clock.ElapsedMilliseconds < _nextReportMs)
        {
            return;
        }

        _nextReportMs = _clock.ElapsedMilliseconds + 500;
        var percent = 100.0 * _stream.Position / Math.Max(1, _stream.Length);
        _error.Write(string.Create(CultureInfo.InvariantCulture, $"\r{_label}: {rows:N0} rows, {percent:F0}%   "));
        _reported = true;
    }

    public void Done(long rows)
    {
        if (_reported)
        {
            _error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"\r{_label}: {rows:N0} rows, 100%   "));
        }
    }
}
