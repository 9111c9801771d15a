using FsCheck;
using FsCheck.Fluent;

namespace MarketIntel.Core.Tests.Fuzzing;

/// <summary>
/// The fuzzing harness: runs a parser on generated inputs and fails on any exception that is not the parser's documented
/// error. Bounded for CI (<see cref="DefaultCases"/> inputs per property); set <c>MARKETINTEL_FUZZ_CASES</c> for long runs.
/// FsCheck prints the failing input and the seed that reproduces it; keep such an input as a regression case.
/// </summary>
public static class Fuzz
{
    public const string CasesVariable = "MARKETINTEL_FUZZ_CASES";

    public const int DefaultCases = 300;

    public static int Cases { get; } =
        int.TryParse(Environment.GetEnvironmentVariable(CasesVariable), out var n) && n > 0 ? n : DefaultCases;

    /// <summary>
    /// Runs <paramref name="target"/> on <see cref="Cases"/> inputs; an exception <paramref name="documented"/> refuses
    /// is reported with the input (an undocumented exception escapes as is, a documented one without its location fails).
    /// </summary>
    public static void NeverCrashes<T>(Gen<T> inputs, Action<T> target, Func<Exception, bool> documented)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(documented);
        // Size bounds the random strings' length; 200 reaches past every fixed-size buffer the parsers use (e.g. 1 KB stack buffers are reached by the mutations' repeats).
        var config = Config.QuickThrowOnFailure.WithMaxTest(Cases).WithEndSize(200);
        Check.One(config, Prop.ForAll(inputs.ToArbitrary(), input => Survives(input, target, documented)));
    }

    /// <summary>True when the target returns or throws a documented error; any other exception escapes to fail the test.</summary>
    public static bool Survives<T>(T input, Action<T> target, Func<Exception, bool> documented)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(documented);
        try
        {
            target(input);
            return true;
        }
        catch (Exception ex) when (IsDocumentedFamily(ex, documented))
        {
            return documented(ex);
        }
    }

    /// <summary>
    /// Inputs for a text parser: arbitrary strings, random bytes read as UTF-8, soups of the grammar's own tokens, and
    /// (most often) mutations of valid samples, which get past the first check and into the parser's depths.
    /// </summary>
    public static Gen<string> Text(string[] samples, string[] tokens)
    {
        ArgumentNullException.ThrowIfNull(samples);
        ArgumentNullException.ThrowIfNull(tokens);
        var arbitrary = ArbMap.Default.GeneratorFor<string>().Select(s => s ?? string.Empty);
        var bytes = ArbMap.Default.GeneratorFor<byte[]>().Select(b => System.Text.Encoding.UTF8.GetString(b ?? []));
        var soup = Gen.Elements(tokens.Concat(Mutator.Oddities).ToArray()).ListOf()
            .SelectMany(list => Gen.Elements("", " ", ",", "\n").Select(sep => string.Join(sep, list)));
        var mutated = Gen.Elements(samples).SelectMany(sample => Gen.Choose(0, int.MaxValue).Select(seed => Mutator.Mutate(sample, seed)));
        return Gen.Frequency((2, arbitrary), (1, bytes), (2, soup), (6, mutated), (1, Gen.Elements(samples)));
    }

    // Exceptions that a parser may not throw whatever its documentation says: they mean a bug, not a refusal.
    private static bool IsDocumentedFamily(Exception ex, Func<Exception, bool> documented) =>
        ex is not (NullReferenceException or IndexOutOfRangeException or OverflowException or InvalidCastException or DivideByZeroException
            or InsufficientExecutionStackException or OutOfMemoryException or AccessViolationException)
        && documented(ex);
}
