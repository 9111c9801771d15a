using MarketIntel.Core.Risk;

namespace MarketIntel.Core.Tests.Risk;

public class CholeskyTests
{
    [Fact]
    public void PositiveDefiniteMatrix_FactorsToTheHandComputedTriangle()
    {
        // A = L L^T with L = [[2,0,0],[1,3,0],[-1,2,1]].
        var a = new double[,] { { 4, 2, -2 }, { 2, 10, 5 }, { -2, 5, 6 } };
        var l = Cholesky.Decompose(a);
        double[,] expected = { { 2, 0, 0 }, { 1, 3, 0 }, { -1, 2, 1 } };
        for (var i = 0; i < 3; i++)
        {
            for (var j = 0; j < 3; j++)
            {
                Assert.Equal(expected[i, j], l[i, j], 1e-12);
            }
        }
    }

    [Fact]
    public void SingularButSemiDefiniteMatrix_IsAccepted()
    {
        // Two perfectly correlated assets and one with zero variance.
        var a = new double[,] { { 0.04, 0.02, 0 }, { 0.02, 0.01, 0 }, { 0, 0, 0 } };
        var l = Cholesky.Decompose(a);
        Assert.Equal(0.2, l[0, 0], 1e-12);
        Assert.Equal(0.1, l[1, 0], 1e-12);
        Assert.Equal(0, l[1, 1], 1e-9);
        Assert.Equal(0, l[2, 2]);
    }

    [Fact]
    public void IndefiniteMatrix_IsAnErrorThatSaysSo()
    {
        var correlations = new double[,] { { 1, 0.9, -0.9 }, { 0.9, 1, 0.9 }, { -0.9, 0.9, 1 } };
        var error = Assert.Throws<ArgumentException>(() => Cholesky.Decompose(correlations));
        Assert.Contains("not positive semi-definite", error.Message, StringComparison.Ordinal);
        Assert.Contains("not positive semi-definite", Assert.Throws<ArgumentException>(() =>
            new PortfolioGbmModel([0, 0, 0], [0.1, 0.1, 0.1], correlations, [1, 1, 1])).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AsymmetricOrNonSquareMatrix_IsRejected()
    {
        Assert.Contains("symmetric", Assert.Throws<ArgumentException>(() => Cholesky.Decompose(new double[,] { { 1, 0.5 }, { 0.4, 1 } })).Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => Cholesky.Decompose(new double[2, 3]));
    }
}
