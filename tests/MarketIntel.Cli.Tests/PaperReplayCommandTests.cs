using System.CommandLine;
using System.Globalization;
using System.Text;
using MarketIntel.Cli.Commands;

namespace MarketIntel.Cli.Tests;

public sealed class PaperReplayCommandTests : IDisposable
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;
    private readonly string _dir = Directory.CreateTempSubdirectory("mi-paper-").FullName;

    public void Dispose() => Directory.Delete(_dir, true);

    private string Write(string name, string content)
    {
        var path = Path.Combine(_dir, name);
        File.WriteAllText(path, content);
        return path;
    }

    private string Read(string name) => File.ReadAllText(Path.Combine(_dir, "out", name));

    private (int Code, string Err) Run(string quotes, string orders, params string[] extra)
    {
        var root = new RootCommand { PaperCommand.Create() };
        using var o = new StringWriter();
        using var e = new StringWriter();
        var code = CliRunner.Run(root, ["paper", "replay", "--quotes", quotes, "--orders", orders, "--out", Path.Combine(_dir, "out"), .. extra], o, e);
        return (code, e.ToString());
    }

    [Fact]
    public void HandComputed_GapThroughAStop_ALimit_AnIocAndARejection()
    {
        var quotes = Write("q.csv", "date,open,high,low,close,volume\n2024-03-04,100,102,99,101,1000\n2024-03-05,105,106,104,105,1000\n2024-03-06,104,104,95,96,1000\n");
        var orders = Write("o.csv", string.Join('\n',
            "id,time,side,type,quantity,limit_price,stop_price,tif",
            "stop,2024-03-04,buy,stop,10,,103,gtc", // day 1 high 102 < 103; day 2 gaps to 105: fills at 105 × 1.01
            "lim,2024-03-04,sell,limit,4,104.5,,gtc", // no position on day 1 (stop not filled): no_short
            "tp,2024-03-05T12:00:00Z,sell,limit,4,103.5,,gtc", // active on day 3 (10 long by then): gaps above 103.5, at the open 104
            "ioc,2024-03-05,buy,limit,3,94,,ioc", // not reached on day 2: canceled
            "late,2024-03-09,buy,market,1,,,day", // after the data: open
            ""));
        var (code, err) = Run(quotes, orders, "--cash", "10000", "--commission", "1", "--slippage", "0.01");
        Assert.True(code == 0, err);
        Assert.Equal("order_id,timestamp,side,quantity,price,commission\nstop,2024-03-05,buy,10,106.05,1\ntp,2024-03-06,sell,4,104,1\n", Read("fills.csv"));
        Assert.Equal("order_id,status,filled_quantity,average_price,reason\nstop,filled,10,106.05,\nlim,rejected,0,,no_short\ntp,filled,4,104,\nioc,canceled,0,,\nlate,open,0,,\n", Read("orders.csv"));
        var cash2 = 10000 - (10 * 106.05) - 1;
        var cash3 = cash2 + (4 * 104.0) - 1;
        Assert.Equal(
            "timestamp,cash,position,equity\n2024-03-04,10000,0,10000\n"
            + $"2024-03-05,{R(cash2)},10,{R(cash2 + (10 * 105.0))}\n2024-03-06,{R(cash3)},6,{R(cash3 + (6 * 96.0))}\n",
            Read("equity.csv"));
    }

    [Theory]
    [InlineData("id,time,side,type,quantity,limit_price,stop_price,tif\na,2024-03-04,buy,trailing,1,,,gtc\n", ":2: field 'type'")]
    [InlineData("id,time,side,type,quantity,limit_price,stop_price,tif\na,2024-03-04,buy,market,1,,,gtc\nb,2024-03-04,buy,limit,1,,,gtc\n", ":3: field 'limit_price'")]
    [InlineData("id,time,side,type,quantity,limit_price,stop_price,tif\na,2024-03-04,buy,market,-5,,,gtc\n", ":2: field 'quantity'")]
    [InlineData("id,time,side,type,quantity,limit_price,stop_price,tif\na,2024-03-04,hold,market,5,,,gtc\n", ":2: field 'side'")]
    [InlineData("id,time,side,type,quantity,limit_price,stop_price,tif\na,2024-03-04,buy,market,5,,,fok\n", ":2: field 'tif'")]
    [InlineData("id,time,side,type,quantity,limit_price,stop_price,tif\na,yesterday,buy,market,5,,,day\n", ":2: field 'time'")]
    [InlineData("id,time,side,type,quantity,limit_price,stop_price,tif\na,2024-03-04,buy,stop_limit,5,101,,day\n", ":2: field 'stop_price'")]
    [InlineData("id,time,side,type,quantity,limit_price,tif\na,2024-03-04,buy,market,5,,day\n", ":1: field 'stop_price'")]
    [InlineData("id,time,side,type,quantity,limit_price,stop_price,tif\na,2024-03-04,buy,market,5,,\n", ":2: expected 8 fields")]
    public void MalformedOrders_ExitWithCode2NamingFileLineAndField(string content, string where)
    {
        var quotes = Write("q.csv", "date,open,high,low,close,volume\n2024-03-04,100,102,99,101,1000\n");
        var orders = Write("o.csv", content);
        var (code, err) = Run(quotes, orders, "--cash", "1000");
        Assert.Equal(2, code);
        Assert.Contains(orders + where, err, StringComparison.Ordinal);
    }

    [Fact]
    public void MalformedQuotes_ExitWithCode2NamingFileLineAndField()
    {
        var quotes = Write("q.csv", "date,open,high,low,close,volume\n2024-03-04,100,102,99,101,1000\n2024-03-05,100,x,99,101,1000\n");
        var orders = Write("o.csv", "id,time,side,type,quantity,limit_price,stop_price,tif\n");
        var (code, err) = Run(quotes, orders, "--cash", "1000");
        Assert.Equal(2, code);
        Assert.Contains(quotes + ":3: field 'high'", err, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--slippage", "1.5")]
    [InlineData("--max-participation", "0")]
    [InlineData("--commission", "-1")]
    public void BadOptions_ExitWithCode2(string option, string value)
    {
        var quotes = Write("q.csv", "date,open,high,low,close,volume\n2024-03-04,100,102,99,101,1000\n");
        var orders = Write("o.csv", "id,time,side,type,quantity,limit_price,stop_price,tif\n");
        var (code, err) = Run(quotes, orders, "--cash", "1000", option, value);
        Assert.Equal(2, code);
        Assert.Contains(option, err, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    [InlineData(6)]
    [InlineData(7)]
    [InlineData(8)]
    public void RandomFiles_MatchAnIndependentRecomputationOfTheContract(int seed)
    {
        var random = new Random(seed);
        for (var round = 0; round < 25; round++)
        {
            var daily = random.Next(3) == 0;
            var quotes = Write("q.csv", RandomQuotes(random, daily));
            var orders = Write("o.csv", RandomOrders(random, File.ReadAllLines(quotes)));
            var args = new List<string> { "--cash", random.Next(0, 6000).ToString(Inv), "--commission", random.Next(0, 3).ToString(Inv), "--slippage", new[] { "0", "0.001", "0.01" }[random.Next(3)] };
            string? participation = null;
            if (random.Next(2) == 0)
            {
                participation = new[] { "0.1", "0.25", "0.3", "0.5", "1" }[random.Next(5)];
                args.AddRange(["--max-participation", participation]);
            }

            double? maxPosition = null;
            if (random.Next(2) == 0)
            {
                maxPosition = random.Next(5, 40);
                args.AddRange(["--max-position", maxPosition.Value.ToString(Inv)]);
            }

            var allowShort = random.Next(2) == 0;
            if (allowShort)
            {
                args.Add("--allow-short");
            }

            var (code, err) = Run(quotes, orders, [.. args]);
            Assert.True(code == 0, err);
            var expected = BruteForce.Replay(File.ReadAllLines(quotes), File.ReadAllLines(orders), double.Parse(args[1], Inv), double.Parse(args[3], Inv), double.Parse(args[5], Inv), participation, maxPosition, allowShort);
            var context = $"seed {seed} round {round}: {string.Join(' ', args)}\n{File.ReadAllText(quotes)}\n{File.ReadAllText(orders)}";
            Assert.True(expected.Fills == Read("fills.csv"), context + "\nfills expected:\n" + expected.Fills + "\nactual:\n" + Read("fills.csv"));
            Assert.True(expected.Orders == Read("orders.csv"), context + "\norders expected:\n" + expected.Orders + "\nactual:\n" + Read("orders.csv"));
            Assert.True(expected.Equity == Read("equity.csv"), context + "\nequity expected:\n" + expected.Equity + "\nactual:\n" + Read("equity.csv"));
        }
    }

    private static string R(double v) => v.ToString("R", Inv);

    private static string RandomQuotes(Random random, bool daily)
    {
        var sb = new StringBuilder(daily ? "date,open,high,low,close,volume\n" : "timestamp,open,high,low,close,volume\n");
        var price = 100.0;
        var t = new DateTime(2024, 3, 4, 14, 0, 0, DateTimeKind.Utc);
        var n = random.Next(1, 16);
        for (var i = 0; i < n; i++)
        {
            var open = Math.Round(price * (1 + (0.04 * ((random.NextDouble() * 2) - 1))), 2);
            var close = Math.Round(open * (1 + (0.03 * ((random.NextDouble() * 2) - 1))), 2);
            var high = Math.Round(Math.Max(open, close) * (1 + (0.01 * random.NextDouble())), 2);
            var low = Math.Round(Math.Min(open, close) * (1 - (0.01 * random.NextDouble())), 2);
            var volume = random.Next(5) == 0 ? 0 : random.Next(1, 60);
            var stamp = daily ? t.ToString("yyyy-MM-dd", Inv) : t.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", Inv);
            sb.Append(Inv, $"{stamp},{R(open)},{R(high)},{R(low)},{R(close)},{volume}\n");
            t = daily ? t.AddDays(1) : t.AddHours(random.Next(4) == 0 ? 20 : 1);
            price = close;
        }

        return sb.ToString();
    }

    private static string RandomOrders(Random random, string[] quoteLines)
    {
        var rows = quoteLines.Skip(1).Where(l => l.Length > 0).Select(l => l.Split(',')).ToArray();
        var first = DateTime.Parse(rows[0][0], Inv, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal);
        var last = DateTime.Parse(rows[^1][0], Inv, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal);
        var sb = new StringBuilder("id,time,side,type,quantity,limit_price,stop_price,tif\n");
        var n = random.Next(0, 14);
        for (var k = 0; k < n; k++)
        {
            var span = (last - first).TotalMinutes + 600;
            var time = first.AddMinutes((random.NextDouble() * span) - 120);
            var near = double.Parse(rows[random.Next(rows.Length)][1], Inv);
            string Price() => R(Math.Round(near * (1 + (0.05 * ((random.NextDouble() * 2) - 1))), 2));
            var type = new[] { "market", "limit", "stop", "stop_limit" }[random.Next(4)];
            var limit = type is "limit" or "stop_limit" ? Price() : string.Empty;
            var stop = type is "stop" or "stop_limit" ? Price() : string.Empty;
            var quantity = random.Next(6) == 0 ? "2.5" : random.Next(1, 25).ToString(Inv);
            var id = random.Next(10) == 0 && k > 0 ? $"o{random.Next(k)}" : $"o{k}"; // now and then a repeated id
            sb.Append(Inv, $"{id},{time:yyyy-MM-dd'T'HH:mm:ss'Z'},{(random.Next(2) == 0 ? "buy" : "sell")},{type},{quantity},{limit},{stop},{new[] { "day", "gtc", "ioc" }[random.Next(3)]}\n");
        }

        return sb.ToString();
    }

    /// <summary>
    /// The replay contract of issue 20, re-computed straight from its text with plain loops over the raw CSV lines. It
    /// shares nothing with the engine but the text of the issue.
    /// </summary>
    private static class BruteForce
    {
        private sealed class O
        {
            public required string Id;
            public DateTime Time;
            public bool Buy;
            public required string Type;
            public double Qty;
            public double? Limit;
            public double? Stop;
            public required string Tif;
            public string Status = "pending"; // pending, working, filled, canceled, expired, rejected
            public string Reason = string.Empty;
            public double Filled;
            public double Notional;
            public double Ref;
            public bool Triggered;

            public double Remaining => Qty - Filled;
        }

        public static (string Fills, string Orders, string Equity) Replay(string[] quoteLines, string[] orderLines, double cash, double x, double s, string? participation, double? maxPosition, bool allowShort)
        {
            var bars = quoteLines.Skip(1).Where(l => l.Length > 0).Select(l => l.Split(',')).ToArray();
            var all = new List<O>();
            foreach (var line in orderLines.Skip(1).Where(l => l.Length > 0))
            {
                var f = line.Split(',');
                if (all.Any(o => o.Id == f[0]))
                {
                    continue; // the same id twice is one order
                }

                all.Add(new O
                {
                    Id = f[0],
                    Time = Utc(f[1]),
                    Buy = f[2] == "buy",
                    Type = f[3],
                    Qty = double.Parse(f[4], Inv),
                    Limit = f[5].Length > 0 ? double.Parse(f[5], Inv) : null,
                    Stop = f[6].Length > 0 ? double.Parse(f[6], Inv) : null,
                    Tif = f[7],
                });
            }

            var working = new List<O>();
            var position = 0.0;
            var fills = new StringBuilder("order_id,timestamp,side,quantity,price,commission\n");
            var equity = new StringBuilder("timestamp,cash,position,equity\n");
            for (var i = 0; i < bars.Length; i++)
            {
                var stamp = bars[i][0];
                var time = Utc(stamp);
                double open = double.Parse(bars[i][1], Inv), high = double.Parse(bars[i][2], Inv), low = double.Parse(bars[i][3], Inv), close = double.Parse(bars[i][4], Inv);
                var volume = decimal.Parse(bars[i][5], Inv);

                // Activation, in file order, with the checks in the issue's order.
                foreach (var o in all)
                {
                    if (o.Status != "pending" || o.Time > time)
                    {
                        continue;
                    }

                    var longBound = position;
                    var shortBound = position;
                    foreach (var w in working)
                    {
                        if (w.Buy)
                        {
                            longBound += w.Remaining;
                        }
                        else
                        {
                            shortBound -= w.Remaining;
                        }
                    }

                    if (o.Buy)
                    {
                        longBound += o.Qty;
                    }
                    else
                    {
                        shortBound -= o.Qty;
                    }

                    o.Ref = o.Type == "market" ? (o.Buy ? open * (1 + s) : open * (1 - s))
                        : o.Type is "limit" or "stop_limit" ? o.Limit!.Value
                        : o.Buy ? Math.Max(open, o.Stop!.Value) * (1 + s) : Math.Min(open, o.Stop!.Value) * (1 - s);
                    if (!allowShort && shortBound < 0)
                    {
                        (o.Status, o.Reason) = ("rejected", "no_short");
                    }
                    else if (maxPosition is { } n && (longBound > n || -shortBound > n))
                    {
                        (o.Status, o.Reason) = ("rejected", "max_position");
                    }
                    else if (o.Buy && (o.Qty * o.Ref) + x > cash - working.Where(w => w.Buy).Sum(w => (w.Remaining * w.Ref) + x))
                    {
                        (o.Status, o.Reason) = ("rejected", "insufficient_cash");
                    }
                    else
                    {
                        o.Status = "working";
                        working.Add(o);
                    }
                }

                foreach (var o in working.ToArray())
                {
                    double? price = null;
                    if (o.Type == "market")
                    {
                        price = o.Buy ? open * (1 + s) : open * (1 - s);
                    }
                    else if (o.Type == "limit" || (o.Type == "stop_limit" && o.Triggered))
                    {
                        var l = o.Limit!.Value;
                        price = o.Buy ? (open <= l ? open : low <= l ? l : null) : (open >= l ? open : high >= l ? l : null);
                    }
                    else if (o.Type == "stop")
                    {
                        var t = o.Stop!.Value;
                        price = o.Buy ? (open >= t ? open * (1 + s) : high >= t ? t * (1 + s) : null) : (open <= t ? open * (1 - s) : low <= t ? t * (1 - s) : null);
                    }
                    else
                    {
                        var t = o.Stop!.Value;
                        double? trigger = o.Buy ? (open >= t ? open : high >= t ? t : null) : (open <= t ? open : low <= t ? t : null);
                        if (trigger is { } p)
                        {
                            o.Triggered = true;
                            if (o.Buy ? p <= o.Limit!.Value : p >= o.Limit!.Value)
                            {
                                price = p;
                            }
                        }
                    }

                    if (price is { } px)
                    {
                        var q = participation is null ? o.Remaining : Math.Min(o.Remaining, (double)Math.Floor(decimal.Parse(participation, Inv) * volume));
                        if (q > 0)
                        {
                            o.Filled += q;
                            o.Notional += q * px;
                            var signed = o.Buy ? q : -q;
                            position += signed;
                            cash = cash - (signed * px) - x;
                            fills.Append(Inv, $"{o.Id},{stamp},{(o.Buy ? "buy" : "sell")},{R(q)},{R(px)},{R(x)}\n");
                            if (o.Remaining <= 0)
                            {
                                o.Status = "filled";
                                working.Remove(o);
                            }
                        }
                    }
                }

                var sessionEnds = i == bars.Length - 1 || Utc(bars[i + 1][0]).Date != time.Date;
                foreach (var o in working.ToArray())
                {
                    if (o.Tif == "ioc")
                    {
                        o.Status = "canceled";
                        working.Remove(o);
                    }
                    else if (o.Tif == "day" && sessionEnds)
                    {
                        o.Status = "expired";
                        working.Remove(o);
                    }
                }

                equity.Append(Inv, $"{stamp},{R(cash)},{R(position)},{R(cash + (position * close))}\n");
            }

            var orders = new StringBuilder("order_id,status,filled_quantity,average_price,reason\n");
            foreach (var o in all)
            {
                var status = o.Status is "pending" or "working" ? "open" : o.Status;
                orders.Append(Inv, $"{o.Id},{status},{R(o.Filled)},{(o.Filled > 0 ? R(o.Notional / o.Filled) : string.Empty)},{o.Reason}\n");
            }

            return (fills.ToString(), orders.ToString(), equity.ToString());
        }

        private static DateTime Utc(string text) => DateTime.Parse(text, Inv, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal);
    }
}
