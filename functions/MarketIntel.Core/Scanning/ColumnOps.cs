using System.Numerics;

namespace MarketIntel.Core.Scanning;

/// <summary>
/// Whole-column kernels of compiled rules. NaN is "undefined": arithmetic propagates it, a comparison with an
/// undefined operand is undefined (never true), division by zero is undefined, and <c>and</c>/<c>or</c>/<c>not</c> follow
/// three-valued (Kleene) logic so that <c>false and undefined</c> is false and <c>true or undefined</c> is true.
/// Inputs are never written to; every kernel returns a new array.
/// </summary>
internal static class ColumnOps
{
    public const double True = 1;
    public const double False = 0;

    public static double[] Constant(int n, double value)
    {
        var r = GC.AllocateUninitializedArray<double>(n);
        r.AsSpan().Fill(value);
        return r;
    }

    public static double[] Arithmetic(ScanOperator op, double[] a, double[] b)
    {
        var n = a.Length;
        var r = GC.AllocateUninitializedArray<double>(n);
        var i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            var w = Vector<double>.Count;
            var nan = new Vector<double>(double.NaN);
            for (; i <= n - w; i += w)
            {
                var x = new Vector<double>(a, i);
                var y = new Vector<double>(b, i);
                var v = op switch
                {
                    ScanOperator.Add => x + y,
                    ScanOperator.Subtract => x - y,
                    ScanOperator.Multiply => x * y,
                    _ => Vector.ConditionalSelect(Vector.Equals(y, Vector<double>.Zero), nan, x / y),
                };
                v.CopyTo(r, i);
            }
        }

        for (; i < n; i++)
        {
            r[i] = Scalar(op, a[i], b[i]);
        }

        return r;
    }

    private static double Scalar(ScanOperator op, double x, double y) => op switch
    {
        ScanOperator.Add => x + y,
        ScanOperator.Subtract => x - y,
        ScanOperator.Multiply => x * y,
        _ => y == 0 ? double.NaN : x / y,
    };

    public static double[] Negate(double[] a)
    {
        var r = GC.AllocateUninitializedArray<double>(a.Length);
        for (var i = 0; i < a.Length; i++)
        {
            r[i] = -a[i];
        }

        return r;
    }

    public static double[] Compare(ScanOperator op, double[] a, double[] b)
    {
        var n = a.Length;
        var r = GC.AllocateUninitializedArray<double>(n);
        var i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            var w = Vector<double>.Count;
            var one = Vector<double>.One;
            var nan = new Vector<double>(double.NaN);
            for (; i <= n - w; i += w)
            {
                var x = new Vector<double>(a, i);
                var y = new Vector<double>(b, i);
                var test = op switch
                {
                    ScanOperator.Less => Vector.LessThan(x, y),
                    ScanOperator.LessEqual => Vector.LessThanOrEqual(x, y),
                    ScanOperator.Greater => Vector.GreaterThan(x, y),
                    ScanOperator.GreaterEqual => Vector.GreaterThanOrEqual(x, y),
                    ScanOperator.Equal => Vector.Equals(x, y),
                    _ => ~Vector.Equals(x, y),
                };
                var defined = Vector.Equals(x, x) & Vector.Equals(y, y);
                Vector.ConditionalSelect(defined, Vector.ConditionalSelect(test, one, Vector<double>.Zero), nan).CopyTo(r, i);
            }
        }

        for (; i < n; i++)
        {
            r[i] = Compare(op, a[i], b[i]);
        }

        return r;
    }

    /// <summary>A column against a constant (<paramref name="constantOnLeft"/>: <c>y op a</c>), without a constant column.</summary>
    public static double[] Compare(ScanOperator op, double[] a, double y, bool constantOnLeft)
    {
        if (constantOnLeft)
        {
            // y < a is a > y, and so on; equality is symmetric.
            op = op switch
            {
                ScanOperator.Less => ScanOperator.Greater,
                ScanOperator.LessEqual => ScanOperator.GreaterEqual,
                ScanOperator.Greater => ScanOperator.Less,
                ScanOperator.GreaterEqual => ScanOperator.LessEqual,
                _ => op,
            };
        }

        var n = a.Length;
        var r = GC.AllocateUninitializedArray<double>(n);
        var i = 0;
        if (Vector.IsHardwareAccelerated && !double.IsNaN(y))
        {
            var w = Vector<double>.Count;
            var one = Vector<double>.One;
            var nan = new Vector<double>(double.NaN);
            var vy = new Vector<double>(y);
            for (; i <= n - w; i += w)
            {
                var x = new Vector<double>(a, i);
                var test = op switch
                {
                    ScanOperator.Less => Vector.LessThan(x, vy),
                    ScanOperator.LessEqual => Vector.LessThanOrEqual(x, vy),
                    ScanOperator.Greater => Vector.GreaterThan(x, vy),
                    ScanOperator.GreaterEqual => Vector.GreaterThanOrEqual(x, vy),
                    ScanOperator.Equal => Vector.Equals(x, vy),
                    _ => ~Vector.Equals(x, vy),
                };
                Vector.ConditionalSelect(Vector.Equals(x, x), Vector.ConditionalSelect(test, one, Vector<double>.Zero), nan).CopyTo(r, i);
            }
        }

        for (; i < n; i++)
        {
            r[i] = Compare(op, a[i], y);
        }

        return r;
    }

    /// <summary>A column with a constant (<paramref name="constantOnLeft"/>: <c>y op a</c>).</summary>
    public static double[] Arithmetic(ScanOperator op, double[] a, double y, bool constantOnLeft)
    {
        var n = a.Length;
        var r = GC.AllocateUninitializedArray<double>(n);
        var i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            var w = Vector<double>.Count;
            var vy = new Vector<double>(y);
            var nan = new Vector<double>(double.NaN);
            for (; i <= n - w; i += w)
            {
                var x = new Vector<double>(a, i);
                var (l, rr) = constantOnLeft ? (vy, x) : (x, vy);
                var v = op switch
                {
                    ScanOperator.Add => l + rr,
                    ScanOperator.Subtract => l - rr,
                    ScanOperator.Multiply => l * rr,
                    _ => Vector.ConditionalSelect(Vector.Equals(rr, Vector<double>.Zero), nan, l / rr),
                };
                v.CopyTo(r, i);
            }
        }

        for (; i < n; i++)
        {
            r[i] = constantOnLeft ? Scalar(op, y, a[i]) : Scalar(op, a[i], y);
        }

        return r;
    }

    public static double Compare(ScanOperator op, double x, double y)
    {
        if (double.IsNaN(x) || double.IsNaN(y))
        {
            return double.NaN;
        }

        var test = op switch
        {
            ScanOperator.Less => x < y,
            ScanOperator.LessEqual => x <= y,
            ScanOperator.Greater => x > y,
            ScanOperator.GreaterEqual => x >= y,
            ScanOperator.Equal => x == y,
            _ => x != y,
        };
        return test ? True : False;
    }

    public static double[] Logic(ScanOperator op, double[] a, double[] b)
    {
        var r = GC.AllocateUninitializedArray<double>(a.Length);
        var dominant = op == ScanOperator.And ? False : True;
        for (var i = 0; i < a.Length; i++)
        {
            var x = a[i];
            var y = b[i];
            r[i] = x == dominant || y == dominant ? dominant : double.IsNaN(x) || double.IsNaN(y) ? double.NaN : 1 - dominant;
        }

        return r;
    }

    public static double[] Not(double[] a)
    {
        var r = GC.AllocateUninitializedArray<double>(a.Length);
        for (var i = 0; i < a.Length; i++)
        {
            r[i] = 1 - a[i];
        }

        return r;
    }

    /// <summary>a crosses above b at i: a &gt; b at i and a &lt;= b at i - 1 (below for the mirror); undefined when any of the four is.</summary>
    public static double[] Cross(bool above, double[] a, double[] b)
    {
        var n = a.Length;
        var r = Undefined(n);
        for (var i = 1; i < n; i++)
        {
            double x = a[i], y = b[i], px = a[i - 1], py = b[i - 1];
            if (double.IsNaN(x) || double.IsNaN(y) || double.IsNaN(px) || double.IsNaN(py))
            {
                continue;
            }

            r[i] = above ? (x > y && px <= py ? True : False) : (x < y && px >= py ? True : False);
        }

        return r;
    }

    public static double[] Shift(double[] a, int bars)
    {
        var n = a.Length;
        var r = Undefined(n);
        if (bars < n)
        {
            Array.Copy(a, 0, r, bars, n - bars);
        }

        return r;
    }

    /// <summary>Rolling max (or min) over the last <paramref name="period"/> values; undefined while the window is short or holds an undefined value.</summary>
    public static double[] Extreme(double[] a, int period, bool highest)
    {
        var n = a.Length;
        var r = Undefined(n);
        var deque = new int[n];
        int head = 0, tail = 0, lastNaN = -1;
        for (var i = 0; i < n; i++)
        {
            var v = a[i];
            if (double.IsNaN(v))
            {
                lastNaN = i;
            }
            else
            {
                // Keep candidates in decreasing (increasing for lowest) order: a newer, better value retires older ones.
                while (tail > head && (highest ? a[deque[tail - 1]] <= v : a[deque[tail - 1]] >= v))
                {
                    tail--;
                }

                deque[tail++] = i;
            }

            while (tail > head && deque[head] <= i - period)
            {
                head++;
            }

            if (i >= period - 1 && lastNaN <= i - period)
            {
                r[i] = a[deque[head]];
            }
        }

        return r;
    }

    /// <summary>Rolling sum (or mean) over the last <paramref name="period"/> values, undefined like <see cref="Extreme"/>.</summary>
    public static double[] Sum(double[] a, int period, bool mean)
    {
        var n = a.Length;
        var r = Undefined(n);
        var sum = 0.0;
        var undefined = 0;
        for (var i = 0; i < n; i++)
        {
            Add(a[i], 1, ref sum, ref undefined);
            if (i >= period)
            {
                Add(a[i - period], -1, ref sum, ref undefined);
            }

            // A long run of additions and removals drifts; re-add the window exactly every period bars.
            if (i % period == period - 1 && undefined == 0)
            {
                sum = 0;
                for (var j = i - period + 1; j <= i; j++)
                {
                    sum += a[j];
                }
            }

            if (i >= period - 1 && undefined == 0)
            {
                r[i] = mean ? sum / period : sum;
            }
        }

        return r;
    }

    private static void Add(double v, int sign, ref double sum, ref int undefined)
    {
        if (double.IsNaN(v))
        {
            undefined += sign;
        }
        else
        {
            sum += sign * v;
        }
    }

    public static double[] Map(double[] a, Func<double, double> f)
    {
        var r = GC.AllocateUninitializedArray<double>(a.Length);
        for (var i = 0; i < a.Length; i++)
        {
            r[i] = f(a[i]);
        }

        return r;
    }

    public static double[] Zip(double[] a, double[] b, Func<double, double, double> f)
    {
        var r = GC.AllocateUninitializedArray<double>(a.Length);
        for (var i = 0; i < a.Length; i++)
        {
            r[i] = f(a[i], b[i]);
        }

        return r;
    }

    /// <summary>Values of a coarser series seen from each bar: <paramref name="visible"/>[i] is the last coarse row closed by bar i, or -1.</summary>
    public static double[] Align(double[] coarse, int[] visible)
    {
        var r = GC.AllocateUninitializedArray<double>(visible.Length);
        for (var i = 0; i < visible.Length; i++)
        {
            r[i] = visible[i] < 0 ? double.NaN : coarse[visible[i]];
        }

        return r;
    }

    private static double[] Undefined(int n) => Constant(n, double.NaN);
}
