namespace MarketIntel.Core.Tests.Performance;

internal static class AssertSeries
{
    public static void Close(double[] expected, double[] actual, double tolerance = 1e-12)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (var i = 0; i < expected.Length; i++)
        {
            Assert.True(Math.Abs(expected[i] - actual[i]) <= tolerance, $"[{i}]: expected {expected[i]}, got {actual[i]}");
        }
    }
}
