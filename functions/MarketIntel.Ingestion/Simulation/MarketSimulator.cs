using System.Collections.Concurrent;
using MarketIntel.Core.Market;
using MarketIntel.Ingestion.Instruments;

namespace MarketIntel.Ingestion.Simulation;

/// <summary>
/// A deterministic market: any number of symbols, regime-switching daily returns with GARCH(1,1) volatility clustering,
/// U-shaped intraday activity, and trade prints (prices on the tick grid, sizes, increasing trade ids) from which the bars
/// are aggregated. Prices stay plausible for their asset class on any date: each symbol's log price mean-reverts to an
/// anchor (a known level for BTC-USD, SPY, EUR-USD..., a draw from the class's range otherwise) within a hard band per
/// class (see <see cref="AssetClassDynamics"/>), so a walk of decades neither dies out nor explodes. Every day of every symbol is a pure function of the seed, the symbol and the date, so a bar is the same
/// whichever range or page it is fetched in, and the ticks of a minute aggregate exactly to that minute's bar.
/// Thread-safe.
/// </summary>
public sealed class MarketSimulator
{
    public const string Venue = "simulator";

    /// <summary>Trades per simulated minute are capped so that trade ids stay unique (<c>day, minute, index</c>).</summary>
    public const int MaxTradesPerMinute = 4096;

    private const ulong MarketStream = 0x4D41524B4554UL;
    private const ulong IntradayStream = 0x494E5452UL;
    private const ulong TickStream = 0x5449434BUL;
    private const int DayCacheCapacity = 96;

    private readonly List<MarketDay> _market = [];
    private readonly ConcurrentDictionary<string, SymbolPath> _paths = new(StringComparer.Ordinal);
    private readonly Dictionary<(string Symbol, int Day), SimulatedDay> _dayCache = [];
    private readonly Queue<(string Symbol, int Day)> _dayCacheOrder = new();

    public MarketSimulator(MarketSimulatorOptions? options = null)
    {
        Options = options ?? new MarketSimulatorOptions();
        Options.Validate();
    }

    public MarketSimulatorOptions Options { get; }

    private DateTime OriginUtc => Options.Origin.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);

    /// <summary>The canonical instrument the simulator quotes for a symbol spelling.</summary>
    public static Instrument Resolve(string symbol) => SymbolNormalizer.Normalize(symbol, Venue);

    /// <summary>The market regime of a calendar day (calm before <see cref="MarketSimulatorOptions.Origin"/>).</summary>
    public MarketRegime RegimeOn(DateOnly day)
    {
        var n = day.DayNumber - Options.Origin.DayNumber;
        return n < 0 ? MarketRegime.Calm : MarketOn(n).Regime;
    }

    /// <summary>Trades with <c>from &lt;= timestamp &lt; to</c>, in time order (clean: no faults).</summary>
    public List<Tick> Ticks(Instrument instrument, DateTime fromUtc, DateTime toUtc)
    {
        CheckRange(fromUtc, toUtc);
        ArgumentNullException.ThrowIfNull(instrument);
        var ticks = new List<Tick>();
        if (toUtc <= OriginUtc)
        {
            return ticks;
        }

        var path = PathOf(instrument);
        var buffer = new List<Tick>();
        for (var date = Max(DateOnly.FromDateTime(fromUtc).AddDays(-1), Options.Origin); date <= DateOnly.FromDateTime(toUtc); date = date.AddDays(1))
        {
            if (DayOf(path, date) is not { } day)
            {
                continue;
            }

            for (var m = 0; m < day.Minutes; m++)
            {
                var start = day.SessionOpen.AddMinutes(m);
                if (start.AddMinutes(1) <= fromUtc || start >= toUtc)
                {
                    continue;
                }

                buffer.Clear();
                MinuteTicks(path, day, m, buffer);
                foreach (var tick in buffer)
                {
                    if (tick.Timestamp >= fromUtc && tick.Timestamp < toUtc)
                    {
                        ticks.Add(tick);
                    }
                }
            }
        }

        return ticks;
    }

    /// <summary>
    /// Bars with <c>from &lt;= open time &lt; to</c>, in time order (clean: no faults). Intraday bars sit on the UTC grid of
    /// the timeframe; daily and longer equity bars are labelled like <see cref="SessionBarBuilder"/> labels them.
    /// </summary>
    public List<Bar> Bars(Instrument instrument, Timeframe timeframe, DateTime fromUtc, DateTime toUtc)
    {
        CheckRange(fromUtc, toUtc);
        ArgumentNullException.ThrowIfNull(instrument);
        var bars = new List<Bar>();
        if (toUtc <= OriginUtc)
        {
            return bars;
        }

        var path = PathOf(instrument);
        var sessionLabels = instrument.AssetClass == AssetClass.Equity && timeframe.Minutes >= 1440;
        var first = Max(DateOnly.FromDateTime(fromUtc - timeframe.Duration).AddDays(-1), Options.Origin);
        var last = DateOnly.FromDateTime(toUtc).AddDays(1);
        Bar current = default;
        var open = false;
        for (var date = first; date <= last; date = date.AddDays(1))
        {
            if (DayOf(path, date) is not { } day)
            {
                continue;
            }

            var dayLabel = sessionLabels ? timeframe.BucketStart(ExchangeCalendar.DailyLabel(date)) : default;
            for (var m = 0; m < day.Minutes; m++)
            {
                var minute = day.Bars[m];
                var label = sessionLabels ? dayLabel : timeframe.BucketStart(minute.OpenTime);
                if (label < fromUtc)
                {
                    continue;
                }

                if (label >= toUtc)
                {
                    // Labels only grow with time: nothing later can fall inside the range.
                    if (open)
                    {
                        bars.Add(current);
                    }

                    return bars;
                }

                if (open && current.OpenTime == label)
                {
                    current = BarResampler.Merge(current, minute) with { OpenTime = label };
                    continue;
                }

                if (open)
                {
                    bars.Add(current);
                }

                current = minute with { OpenTime = label };
                open = true;
            }
        }

        if (open)
        {
            bars.Add(current);
        }

        return bars;
    }

    private static void CheckRange(DateTime fromUtc, DateTime toUtc)
    {
        if (fromUtc.Kind != DateTimeKind.Utc || toUtc.Kind != DateTimeKind.Utc)
        {
            throw new ArgumentException("Simulator ranges must be UTC (DateTimeKind.Utc).", nameof(fromUtc));
        }

        if (toUtc < fromUtc)
        {
            throw new ArgumentException("A range must not end before it starts.", nameof(toUtc));
        }
    }

    private static DateOnly Max(DateOnly a, DateOnly b) => a > b ? a : b;

    private SymbolPath PathOf(Instrument instrument) =>
        _paths.GetOrAdd(instrument.Symbol.Value, static (_, state) => new SymbolPath(state.instrument, SymbolProfile.For(state.instrument, state.options)), (instrument, options: Options));

    private MarketDay MarketOn(int dayNumber)
    {
        lock (_market)
        {
            while (_market.Count <= dayNumber)
            {
                _market.Add(NextMarketDay(_market.Count, _market.Count == 0 ? null : _market[^1]));
            }

            return _market[dayNumber];
        }
    }

    private MarketDay NextMarketDay(int n, MarketDay? previous)
    {
        var o = Options;
        var rng = new SimulationRandom(o.Seed, MarketStream, (ulong)n);
        var regime = previous is null
            ? MarketRegime.Calm
            : rng.NextDouble() < (previous.Regime == MarketRegime.Calm ? o.StayCalm : o.StayTurbulent) ? previous.Regime : Flip(previous.Regime);
        var equityG = previous is null ? 1 : NextGarch(previous.EquityG, previous.EquityU);
        var cryptoG = previous is null ? 1 : NextGarch(previous.CryptoG, previous.CryptoU);
        var equityU = Math.Sqrt(equityG) * rng.NextNormal();
        var cryptoU = Math.Sqrt(cryptoG) * rng.NextNormal();
        var vol = regime == MarketRegime.Calm ? o.CalmVolatility : o.TurbulentVolatility;
        var drift = regime == MarketRegime.Calm ? o.CalmDrift : o.TurbulentDrift;
        var cryptoVol = vol * o.CryptoVolatilityMultiplier;
        return new MarketDay(regime, equityG, equityU, drift + (vol * equityU), vol * vol * equityG, cryptoG, cryptoU, drift + (cryptoVol * cryptoU), cryptoVol * cryptoVol * cryptoG);
    }

    /// <summary>
    /// Unit-mean GARCH(1,1) on standardized innovations u = sqrt(g) z: g' = (1 - a - b) + a u^2 + b g. The regime sets
    /// the volatility level at once and this factor clusters it, a regime-switching GARCH.
    /// </summary>
    private double NextGarch(double g, double u) => (1 - Options.GarchAlpha - Options.GarchBeta) + (Options.GarchAlpha * u * u) + (Options.GarchBeta * g);

    private static MarketRegime Flip(MarketRegime regime) => regime == MarketRegime.Calm ? MarketRegime.Turbulent : MarketRegime.Calm;

    /// <summary>The symbol's daily state on <paramref name="date"/>, extending the chain from the origin as needed; null when closed.</summary>
    private SymbolDayState? StateOn(SymbolPath path, DateOnly date)
    {
        var o = Options;
        var target = date.DayNumber - o.Origin.DayNumber;
        lock (path)
        {
            while (path.ComputedThrough < target)
            {
                var n = ++path.ComputedThrough;
                var day = o.Origin.AddDays(n);
                if (!path.Instrument.Calendar.IsTradingDay(day))
                {
                    continue;
                }

                var market = MarketOn(n);
                var crypto = path.Instrument.AssetClass == AssetClass.Crypto;
                var marketReturn = crypto ? market.CryptoReturn : market.EquityReturn;
                var marketVariance = crypto ? market.CryptoVariance : market.EquityVariance;
                var p = path.Profile;
                var g = path.Last is { } last ? NextGarch(last.IdiosyncraticG, last.IdiosyncraticU) : 1;
                var deviation = path.Last is { } previous ? previous.NextDeviation : 0;

                // Idiosyncratic risk rises with the market's regime too (dispersion jumps in stress).
                var idioVol = p.IdiosyncraticVolatility * (market.Regime == MarketRegime.Calm ? 1 : o.TurbulentVolatility / o.CalmVolatility);
                var rng = new SimulationRandom(o.Seed, p.Key, (ulong)n, 0x1D10);
                var u = Math.Sqrt(g) * rng.NextNormal();
                var walkReturn = (p.Beta * marketReturn) + (idioVol * u);
                var walkVariance = (p.Beta * p.Beta * marketVariance) + (idioVol * idioVol * g);

                // Mean reversion of the walk towards the anchor, then the tanh band: the day's log return is the change of
                // the banded level, and its variance shrinks by the band's slope squared (1 in the middle, 0 at the edges).
                var nextDeviation = ((1 - p.Dynamics.Reversion) * deviation) + walkReturn;
                var logOpen = BandedLog(p, deviation);
                var slope = 1 - Math.Pow(Math.Tanh(deviation / p.Dynamics.Band), 2);
                var state = new SymbolDayState(n, logOpen, BandedLog(p, nextDeviation) - logOpen, walkVariance * slope * slope, g, u, nextDeviation);
                path.Last = state;
                path.States[n] = state;
            }

            return path.States.TryGetValue(target, out var found) ? found : null;
        }
    }

    /// <summary>The log price of a deviation from the anchor, squeezed into the class's band.</summary>
    private static double BandedLog(SymbolProfile profile, double deviation) =>
        Math.Log(profile.Anchor) + (profile.Dynamics.Band * Math.Tanh(deviation / profile.Dynamics.Band));

    private SimulatedDay? DayOf(SymbolPath path, DateOnly date)
    {
        var key = (path.Instrument.Symbol.Value, date.DayNumber);
        lock (_dayCache)
        {
            if (_dayCache.TryGetValue(key, out var cached))
            {
                return cached;
            }
        }

        if (date < Options.Origin || path.Instrument.Calendar.SessionBounds(date) is not { } session || StateOn(path, date) is not { } state)
        {
            return null;
        }

        var day = GenerateDay(path, date, session.OpenUtc, (int)(session.CloseUtc - session.OpenUtc).TotalMinutes, state);
        lock (_dayCache)
        {
            if (_dayCache.TryAdd(key, day))
            {
                _dayCacheOrder.Enqueue(key);
                if (_dayCacheOrder.Count > DayCacheCapacity)
                {
                    _dayCache.Remove(_dayCacheOrder.Dequeue());
                }
            }
        }

        return day;
    }

    private SimulatedDay GenerateDay(SymbolPath path, DateOnly date, DateTime sessionOpen, int minutes, SymbolDayState state)
    {
        var o = Options;
        var day = new SimulatedDay(date, state.DayNumber, sessionOpen, state.LogOpen, minutes);
        var rng = new SimulationRandom(o.Seed, path.Profile.Key ^ IntradayStream, (ulong)state.DayNumber);
        var baseVariance = new double[minutes];
        var raw = new double[minutes];
        var relative = new double[minutes];
        double sum = 0;
        double baseSum = 0;
        var g = 1.0;
        var lastShock = 1.0;
        var persistence = 1 - o.IntradayGarchAlpha - o.IntradayGarchBeta;
        for (var m = 0; m < minutes; m++)
        {
            var weight = Profile(m, minutes, o.VolumeProfileDepth);
            baseVariance[m] = state.Variance / minutes * weight;

            // Unit-mean intraday GARCH(1,1) on the standardized shocks: clusters of busy, volatile minutes.
            g = persistence + (o.IntradayGarchAlpha * lastShock) + (o.IntradayGarchBeta * g);
            var z = rng.NextNormal();
            lastShock = g * z * z;
            relative[m] = g;
            raw[m] = Math.Sqrt(baseVariance[m] * g) * z;
            sum += raw[m];
            baseSum += baseVariance[m];
        }

        // Bridge: spread the difference to the day's return over the minutes in proportion to their variance, so the
        // session closes exactly where the daily chain says (and the next day opens there).
        var log = state.LogOpen;
        var liquidity = o.TradesPerMinute * path.Profile.Liquidity;
        for (var m = 0; m < minutes; m++)
        {
            log += raw[m] + ((state.Return - sum) * baseVariance[m] / baseSum);
            day.LogClose[m] = log;
            day.Sigma[m] = Math.Sqrt(baseVariance[m] * relative[m]);
            var mean = liquidity * Profile(m, minutes, o.VolumeProfileDepth) * Math.Sqrt(relative[m]);
            day.Count[m] = Math.Min(MaxTradesPerMinute, 1 + rng.NextPoisson(Math.Max(0, mean - 1)));
        }

        var ticks = new List<Tick>();
        for (var m = 0; m < minutes; m++)
        {
            ticks.Clear();
            MinuteTicks(path, day, m, ticks);
            day.Bars[m] = Aggregate(day.SessionOpen.AddMinutes(m), ticks);
        }

        return day;
    }

    /// <summary>U-shaped weight with mean 1 over the session: (1 + d (2x - 1)^2) / (1 + d/3).</summary>
    internal static double Profile(int minute, int minutes, double depth)
    {
        var x = ((2.0 * (minute + 0.5)) / minutes) - 1;
        return (1 + (depth * x * x)) / (1 + (depth / 3));
    }

    private void MinuteTicks(SymbolPath path, SimulatedDay day, int m, List<Tick> into)
    {
        var n = day.Count[m];
        var rng = new SimulationRandom(Options.Seed, path.Profile.Key ^ TickStream, (ulong)day.DayNumber, (ulong)m + 1);
        Span<double> times = n <= 512 ? stackalloc double[n] : new double[n];
        for (var j = 0; j < n; j++)
        {
            times[j] = rng.NextDouble();
        }

        times.Sort();
        var from = m == 0 ? day.LogOpen : day.LogClose[m - 1];
        var to = day.LogClose[m];
        var sigma = day.Sigma[m];
        var crypto = path.Instrument.AssetClass == AssetClass.Crypto;
        var minuteStart = day.SessionOpen.AddMinutes(m);
        var baseId = (((long)day.DayNumber * 1440) + m) * MaxTradesPerMinute;
        double w = 0;
        double previousT = 0;
        for (var j = 0; j < n; j++)
        {
            double log;
            if (j == n - 1)
            {
                log = to;
            }
            else
            {
                // Brownian bridge from the previous close to this close, sampled at the sorted trade times.
                var t = times[j];
                var remaining = 1 - previousT;
                var mean = w * (1 - t) / remaining;
                var variance = (t - previousT) * (1 - t) / remaining;
                w = mean + (Math.Sqrt(Math.Max(0, variance)) * rng.NextNormal());
                previousT = t;
                log = from + ((to - from) * t) + (sigma * w);
            }

            var price = RoundPrice(Math.Exp(log), crypto);
            var size = Size(ref rng, price, crypto);
            var timestamp = minuteStart.AddTicks((long)(times[j] * 59_999) * TimeSpan.TicksPerMillisecond);
            into.Add(new Tick(timestamp, path.Instrument.Symbol, price, size, new TradeId(baseId + j)));
        }
    }

    private static double RoundPrice(double price, bool crypto)
    {
        var digits = crypto ? Math.Clamp(6 - (int)Math.Floor(Math.Log10(price)), 0, 10) : price < 1 ? 4 : 2;
        var rounded = Math.Round(price, digits, MidpointRounding.AwayFromZero);
        return rounded > 0 ? rounded : Math.Pow(10, -digits);
    }

    private static decimal Size(ref SimulationRandom rng, double price, bool crypto)
    {
        if (!crypto)
        {
            return Math.Max(1, (decimal)Math.Round(Math.Exp(Math.Log(60) + (1.1 * rng.NextNormal()))));
        }

        var quantity = Math.Round(Math.Exp(Math.Log(1500 / price) + (1.2 * rng.NextNormal())), 6);
        return Math.Max(0.000001m, (decimal)quantity);
    }

    private static Bar Aggregate(DateTime openTime, List<Tick> ticks)
    {
        var open = ticks[0].Price;
        var high = open;
        var low = open;
        decimal volume = 0;
        foreach (var tick in ticks)
        {
            high = Math.Max(high, tick.Price);
            low = Math.Min(low, tick.Price);
            volume += tick.Size;
        }

        return new Bar(openTime, open, high, low, ticks[^1].Price, volume, ticks.Count);
    }

    private sealed record MarketDay(MarketRegime Regime, double EquityG, double EquityU, double EquityReturn, double EquityVariance, double CryptoG, double CryptoU, double CryptoReturn, double CryptoVariance);

    private sealed record SymbolDayState(int DayNumber, double LogOpen, double Return, double Variance, double IdiosyncraticG, double IdiosyncraticU, double NextDeviation);

    private sealed class SymbolPath(Instrument instrument, SymbolProfile profile)
    {
        public Instrument Instrument { get; } = instrument;

        public SymbolProfile Profile { get; } = profile;

        public Dictionary<int, SymbolDayState> States { get; } = [];

        public SymbolDayState? Last { get; set; }

        public int ComputedThrough { get; set; } = -1;
    }
}
