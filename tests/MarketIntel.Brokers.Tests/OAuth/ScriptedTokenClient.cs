using System.Collections.Concurrent;
using MarketIntel.Brokers.OAuth;

namespace MarketIntel.Brokers.Tests.OAuth;

/// <summary>
/// A venue's refresh call as a script: each refresh takes the next answer (a grant or an exception), records the refresh
/// token it was given, and can be held open until the test releases it (to make concurrent callers pile up).
/// </summary>
public sealed class ScriptedTokenClient : IOAuthTokenClient
{
    private readonly ConcurrentQueue<Func<OAuthTokenGrant>> _answers = new();
    private readonly ConcurrentQueue<string> _given = new();
    private int _calls;

    public TaskCompletionSource? Hold { get; set; }

    public int Calls => Volatile.Read(ref _calls);

    public IReadOnlyList<string> RefreshTokensGiven => _given.ToArray();

    public void Answer(OAuthTokenGrant grant) => _answers.Enqueue(() => grant);

    public void Fail(Exception error) => _answers.Enqueue(() => throw error);

    public async Task<OAuthTokenGrant> RefreshAsync(string refreshToken, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _calls);
        _given.Enqueue(refreshToken);
        if (Hold is { } hold)
        {
            await hold.Task.WaitAsync(cancellationToken);
        }

        return _answers.TryDequeue(out var next) ? next() : throw new InvalidOperationException("the script has no more answers");
    }
}
