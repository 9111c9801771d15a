namespace MarketIntel.Storage;

/// <summary>Runs an initialization once for all callers; a failed or cancelled attempt is retried by the next caller.</summary>
internal sealed class AsyncOnce(Func<CancellationToken, Task> action)
{
    private readonly Lock gate = new();
    private Task? task;

    public bool Completed => task is { IsCompletedSuccessfully: true };

    public Task RunAsync(CancellationToken cancellationToken)
    {
        lock (gate)
        {
            if (task is null || task.IsFaulted || task.IsCanceled)
            {
                // Not tied to one caller's token: a cancelled caller must not fail the others.
                task = action(CancellationToken.None);
            }

            return task.WaitAsync(cancellationToken);
        }
    }

    /// <summary>Makes the next caller run the action again, unless a run is under way (it will serve that caller).</summary>
    public void Reset()
    {
        lock (gate)
        {
            if (task is { IsCompleted: true })
            {
                task = null;
            }
        }
    }
}
