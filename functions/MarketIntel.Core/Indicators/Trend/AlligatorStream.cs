using MarketIntel.Core.Indicators.Streaming;
using MarketIntel.Core.Market;

namespace MarketIntel.Core.Indicators.Trend;

/// <summary>Streaming <see cref="Alligator"/>; outputs jaw, teeth, lips.</summary>
public sealed class AlligatorStream(int jawPeriod, int jawOffset, int teethPeriod, int teethOffset, int lipsPeriod, int lipsOffset) : StreamingIndicator
{
    private readonly ExpCore[] _smma = [new(jawPeriod, SmoothingMode.Wilder), new(teethPeriod, SmoothingMode.Wilder), new(lipsPeriod, SmoothingMode.Wilder)];
    private readonly RingWindow[] _shift = [new(jawOffset + 1), new(teethOffset + 1), new(lipsOffset + 1)];
    private readonly int[] _offsets = [jawOffset, teethOffset, lipsOffset];

    public override int WarmUpPeriod => jawPeriod + jawOffset - 1;

    public override double Output(int column) => _shift[column].Count > _offsets[column] ? _shift[column][_offsets[column]] : double.NaN;

    protected override void Update(in Bar bar, bool isNew)
    {
        var hl2 = (bar.High + bar.Low) / 2;
        for (var j = 0; j < 3; j++)
        {
            _shift[j].Update(_smma[j].Update(hl2, isNew), isNew);
        }
    }
}
