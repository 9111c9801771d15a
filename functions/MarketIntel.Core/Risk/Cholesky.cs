using System.Globalization;

namespace MarketIntel.Core.Risk;

/// <summary>
/// Cholesky factor L (lower triangular, <c>L L^T = A</c>) of a covariance matrix. Positive semi-definite matrices are
/// accepted: a zero pivot gives a zero column, provided the rest of that column is zero too (perfectly correlated or
/// zero-variance assets). Anything else is an <see cref="ArgumentException"/> that says the matrix is not positive
/// semi-definite and where.
/// </summary>
public static class Cholesky
{
    public static double[,] Decompose(double[,] covariance)
    {
        ArgumentNullException.ThrowIfNull(covariance);
        var n = covariance.GetLength(0);
        if (n == 0 || covariance.GetLength(1) != n)
        {
            throw new ArgumentException($"covariance must be a non-empty square matrix, got {n}x{covariance.GetLength(1)}", nameof(covariance));
        }

        var scale = 0.0;
        for (var i = 0; i < n; i++)
        {
            for (var j = 0; j < n; j++)
            {
                var a = covariance[i, j];
                if (!double.IsFinite(a))
                {
                    throw new ArgumentException($"covariance[{i},{j}] is not finite", nameof(covariance));
                }

                if (Math.Abs(a - covariance[j, i]) > 1e-12 * Math.Max(1, Math.Abs(a)))
                {
                    throw new ArgumentException($"covariance is not symmetric at [{i},{j}]", nameof(covariance));
                }
            }

            scale = Math.Max(scale, Math.Abs(covariance[i, i]));
        }

        var tolerance = 1e-12 * Math.Max(scale, double.Epsilon);
        var l = new double[n, n];
        for (var j = 0; j < n; j++)
        {
            var d = covariance[j, j];
            for (var k = 0; k < j; k++)
            {
                d -= l[j, k] * l[j, k];
            }

            if (d < -tolerance)
            {
                throw NotPsd(j, d);
            }

            if (d <= tolerance)
            {
                // Zero pivot: the column must vanish as well, or the matrix has a negative direction.
                for (var i = j + 1; i < n; i++)
                {
                    var r = covariance[i, j];
                    for (var k = 0; k < j; k++)
                    {
                        r -= l[i, k] * l[j, k];
                    }

                    if (Math.Abs(r) > Math.Sqrt(tolerance * scale))
                    {
                        throw NotPsd(j, d);
                    }
                }

                continue;
            }

            var pivot = Math.Sqrt(d);
            l[j, j] = pivot;
            for (var i = j + 1; i < n; i++)
            {
                var r = covariance[i, j];
                for (var k = 0; k < j; k++)
                {
                    r -= l[i, k] * l[j, k];
                }

                l[i, j] = r / pivot;
            }
        }

        return l;
    }

    private static ArgumentException NotPsd(int row, double pivot) =>
        new(string.Create(CultureInfo.InvariantCulture, $"covariance matrix is not positive semi-definite (pivot {row} is {pivot:G6})"));
}
