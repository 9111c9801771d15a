namespace MarketIntel.Core.Backtesting;

/// <summary>
/// The normal and Student t distributions needed for confidence intervals and the probabilistic Sharpe ratio, from
/// first principles: erf by its Taylor series (|x| &lt; 3) or the Laplace continued fraction of erfc, ln Γ by the
/// Stirling series after shifting the argument past 8, the regularized incomplete beta by its continued fraction
/// (modified Lentz), and quantiles by safeguarded Newton steps on the CDF. Accurate to about 1e-12.
/// </summary>
public static class Distributions
{
    private const double SqrtPi = 1.7724538509055160273;
    private const double Sqrt2 = 1.4142135623730950488;
    private const double Tiny = 1e-300;

    public static double Erfc(double x)
    {
        if (double.IsNaN(x))
        {
            return double.NaN;
        }

        if (Math.Abs(x) < 3)
        {
            return 1 - ErfSeries(x);
        }

        return x > 0 ? ErfcFraction(x) : 2 - ErfcFraction(-x);
    }

    /// <summary>Standard normal CDF.</summary>
    public static double NormalCdf(double x) => 0.5 * Erfc(-x / Sqrt2);

    public static double NormalPdf(double x) => Math.Exp(-0.5 * x * x) / (Sqrt2 * SqrtPi);

    /// <summary>The x with <c>NormalCdf(x) = p</c>, for 0 &lt; p &lt; 1.</summary>
    public static double NormalQuantile(double p)
    {
        RequireProbability(p);
        if (p == 0.5)
        {
            return 0;
        }

        // Solve in the lower tail, where the CDF keeps its relative accuracy, then mirror.
        var q = Math.Min(p, 1 - p);
        var x = Solve(v => NormalCdf(v) - q, NormalPdf, -Math.Sqrt(-2 * Math.Log(q)), -40, 0);
        return p < 0.5 ? x : -x;
    }

    /// <summary>ln Γ(z) for z &gt; 0.</summary>
    public static double LogGamma(double z)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(z);
        var shift = 0.0;
        while (z < 8)
        {
            shift += Math.Log(z);
            z += 1;
        }

        var z2 = 1 / (z * z);
        var series = (1.0 / 12 - (z2 * (1.0 / 360 - (z2 * (1.0 / 1260 - (z2 * (1.0 / 1680 - (z2 / 1188)))))))) / z;
        return ((z - 0.5) * Math.Log(z)) - z + (0.5 * Math.Log(2 * Math.PI)) + series - shift;
    }

    /// <summary>The regularized incomplete beta function I_x(a, b).</summary>
    public static double RegularizedBeta(double x, double a, double b)
    {
        if (x <= 0)
        {
            return 0;
        }

        if (x >= 1)
        {
            return 1;
        }

        var front = Math.Exp((a * Math.Log(x)) + (b * Math.Log(1 - x)) - (LogGamma(a) + LogGamma(b) - LogGamma(a + b)));

        // The continued fraction converges fast below the mean; above it use I_x(a,b) = 1 - I_{1-x}(b,a).
        return x < (a + 1) / (a + b + 2)
            ? front * BetaFraction(x, a, b) / a
            : 1 - (front * BetaFraction(1 - x, b, a) / b);
    }

    /// <summary>CDF of Student's t with <paramref name="df"/> degrees of freedom.</summary>
    public static double StudentTCdf(double t, double df)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(df);
        var tail = 0.5 * RegularizedBeta(df / (df + (t * t)), df / 2, 0.5);
        return t > 0 ? 1 - tail : tail;
    }

    public static double StudentTPdf(double t, double df) =>
        Math.Exp(LogGamma((df + 1) / 2) - LogGamma(df / 2) - (0.5 * Math.Log(df * Math.PI)) - ((df + 1) / 2 * Math.Log(1 + (t * t / df))));

    /// <summary>The t with <c>StudentTCdf(t, df) = p</c>, for 0 &lt; p &lt; 1.</summary>
    public static double StudentTQuantile(double p, double df)
    {
        RequireProbability(p);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(df);
        if (p == 0.5)
        {
            return 0;
        }

        var q = Math.Min(p, 1 - p);
        var lo = -1.0;
        while (StudentTCdf(lo, df) > q)
        {
            lo *= 2;
        }

        var x = Solve(v => StudentTCdf(v, df) - q, v => StudentTPdf(v, df), lo / 2, lo, 0);
        return p < 0.5 ? x : -x;
    }

    /// <summary>Root of an increasing <paramref name="f"/> in [lo, hi]: Newton steps, bisection when a step leaves the bracket.</summary>
    private static double Solve(Func<double, double> f, Func<double, double> slope, double x, double lo, double hi)
    {
        for (var i = 0; i < 300; i++)
        {
            var y = f(x);
            if (y == 0)
            {
                return x;
            }

            if (y > 0)
            {
                hi = x;
            }
            else
            {
                lo = x;
            }

            var next = x - (y / slope(x));
            if (!(next > lo && next < hi))
            {
                next = 0.5 * (lo + hi);
            }

            if (Math.Abs(next - x) <= 1e-15 * Math.Max(1, Math.Abs(x)))
            {
                return next;
            }

            x = next;
        }

        return x;
    }

    private static double ErfSeries(double x)
    {
        // erf(x) = 2/sqrt(pi) * sum (-1)^n x^(2n+1) / (n! (2n+1))
        var x2 = x * x;
        var term = x;
        var sum = x;
        for (var n = 1; n < 200; n++)
        {
            term *= -x2 / n;
            var add = term / ((2 * n) + 1);
            sum += add;
            if (Math.Abs(add) < 1e-17 * Math.Abs(sum))
            {
                break;
            }
        }

        return 2 / SqrtPi * sum;
    }

    private static double ErfcFraction(double x)
    {
        // erfc(x) = exp(-x^2)/sqrt(pi) / (x + (1/2)/(x + 1/(x + (3/2)/(x + 2/(x + ...))))), by modified Lentz.
        var f = x;
        var c = x;
        var d = 0.0;
        for (var k = 1; k < 500; k++)
        {
            var a = k / 2.0;
            d = NonZero(x + (a * d));
            c = NonZero(x + (a / c));
            d = 1 / d;
            var delta = c * d;
            f *= delta;
            if (Math.Abs(delta - 1) < 1e-16)
            {
                break;
            }
        }

        return Math.Exp(-x * x) / SqrtPi / f;
    }

    private static double BetaFraction(double x, double a, double b)
    {
        double c = 1, d = 1 / NonZero(1 - ((a + b) * x / (a + 1)));
        var h = d;
        for (var m = 1; m < 1000; m++)
        {
            var m2 = 2 * m;
            var even = m * (b - m) * x / ((a + m2 - 1) * (a + m2));
            d = 1 / NonZero(1 + (even * d));
            c = NonZero(1 + (even / c));
            h *= d * c;
            var odd = -(a + m) * (a + b + m) * x / ((a + m2) * (a + m2 + 1));
            d = 1 / NonZero(1 + (odd * d));
            c = NonZero(1 + (odd / c));
            var delta = d * c;
            h *= delta;
            if (Math.Abs(delta - 1) < 1e-16)
            {
                break;
            }
        }

        return h;
    }

    private static double NonZero(double v) => Math.Abs(v) < Tiny ? Tiny : v;

    private static void RequireProbability(double p)
    {
        if (!(p > 0 && p < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(p), p, "a probability strictly between 0 and 1");
        }
    }
}
