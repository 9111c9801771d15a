namespace MarketIntel.Storage.Tests.Embedded;

/// <summary>
/// Tests that must not run beside others: every embedded test's clean-up clears the process's SQLite connection pools,
/// and closing a database's last connection checkpoints its log, which would hide what a test is watching.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class AloneCollection
{
    public const string Name = "alone";
}
