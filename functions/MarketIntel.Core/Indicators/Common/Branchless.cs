using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace MarketIntel.Core.Indicators.Common;

/// <summary>Scalar selects as vector masks: data-dependent branches mispredict on real (random-walk) prices.</summary>
internal static class Branchless
{
    /// <summary>
    /// The larger of two finite values (one <c>maxsd</c> on x64; <see cref="Math.Max(double, double)"/> adds NaN and
    /// signed-zero handling that finite prices never need).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Max(double a, double b) => Sse2.IsSupported
        ? Sse2.MaxScalar(Vector128.CreateScalarUnsafe(a), Vector128.CreateScalarUnsafe(b)).ToScalar()
        : Math.Max(a, b);

    /// <summary><paramref name="value"/> if it is greater than <paramref name="than"/>, else 0.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double IfGreater(double value, double than)
    {
        var v = Vector128.CreateScalarUnsafe(value);
        return (Vector128.GreaterThan(v, Vector128.CreateScalarUnsafe(than)) & v).ToScalar();
    }
}
