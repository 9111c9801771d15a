using MarketIntel.Pipeline.Brokerage;

namespace MarketIntel.Brokers.Tests.Reconciliation;

/// <summary>
/// The supervisor's wake-up when a person stores credentials: a waiter is woken; a signal given between two waits is not
/// lost but answers the next wait once; connections do not wake each other.
/// </summary>
[Trait("Category", "Broker")]
public sealed class BrokerStatusBoardTests
{
    [Fact]
    public async Task AWaiterIsWoken_ASignalBetweenWaitsIsKeptForTheNextOne_AndOnlyForIt()
    {
        var board = new BrokerStatusBoard(TimeProvider.System);
        var waiting = board.CredentialsStored("a");
        Assert.False(waiting.IsCompleted);
        board.SignalCredentials("a");
        await waiting.WaitAsync(TimeSpan.FromSeconds(5));

        // The completed signal answers one more wait (harmless: one more look), then waits are fresh again.
        Assert.True(board.CredentialsStored("a").IsCompleted);
        Assert.False(board.CredentialsStored("a").IsCompleted);

        // Stored while nobody waited: the next wait returns at once, the one after waits.
        board.SignalCredentials("b");
        Assert.True(board.CredentialsStored("b").IsCompleted);
        Assert.False(board.CredentialsStored("b").IsCompleted);
        Assert.False(board.CredentialsStored("a").IsCompleted);
    }
}
