using System.Text.Json;
using MarketIntel.Core.Market;
using MarketIntel.Core.Storage;

namespace MarketIntel.Pipeline.Application;

/// <summary>
/// The owner's watchlists: what the ingest and scan runs cover and the only symbols the API serves. Names are 1-64
/// letters, digits, '-' or '_'; a list holds at most <see cref="MaxSymbols"/> distinct valid symbols.
/// </summary>
public sealed class Watchlists(IRecordStore records, string owner, int maxSymbols, TimeProvider time)
{
    /// <summary>Most symbols a watchlist (and so a run's universe) may hold.</summary>
    public int MaxSymbols => maxSymbols;

    /// <summary>The code version recorded with every watchlist write.</summary>
    public static string CodeVersion => PipelineVersion.Current;

    /// <summary>Known symbols: the union of the owner's watchlists, in ordinal order.</summary>
    public async Task<List<string>> KnownSymbolsAsync(CancellationToken cancellationToken)
    {
        var symbols = new SortedSet<string>(StringComparer.Ordinal);
        await foreach (var w in records.ReadAllAsync<Watchlist>(RecordKinds.Watchlist, owner, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            symbols.UnionWith(w.Payload.Symbols);
        }

        return [.. symbols];
    }

    /// <summary>Null when the symbol can be served; else why not: malformed (invalid) or in no watchlist (not found).</summary>
    public async Task<UseCaseError?> CheckSymbolAsync(string symbol, CancellationToken cancellationToken)
    {
        if (!Symbol.IsValid(symbol, out var why))
        {
            return UseCaseError.Invalid("symbol", why);
        }

        return (await KnownSymbolsAsync(cancellationToken).ConfigureAwait(false)).Contains(symbol)
            ? null
            : UseCaseError.NotFound($"unknown symbol '{symbol}': add it to a watchlist first (GET /api/symbols lists the known ones)");
    }

    /// <summary>The symbols of a watchlist; none when it does not exist.</summary>
    public async Task<IReadOnlyList<string>> SymbolsAsync(string name, CancellationToken cancellationToken)
    {
        var watchlist = await records.GetAsync<Watchlist>(RecordKinds.Watchlist, owner, name, cancellationToken).ConfigureAwait(false);
        return watchlist?.Payload.Symbols ?? [];
    }

    public async Task<UseCaseResult<Watchlist>> GetAsync(string name, CancellationToken cancellationToken)
    {
        if (NameProblem(name) is { } problem)
        {
            return problem;
        }

        var record = await records.GetAsync<Watchlist>(RecordKinds.Watchlist, owner, name, cancellationToken).ConfigureAwait(false);
        return record is null ? UseCaseError.NotFound($"watchlist '{name}' does not exist") : record.Payload;
    }

    /// <summary>
    /// Creates or replaces a watchlist: symbols are trimmed, checked one by one (the first bad one is named by its index)
    /// and de-duplicated in order.
    /// </summary>
    public async Task<UseCaseResult<Watchlist>> PutAsync(string name, IReadOnlyList<string?>? symbols, CancellationToken cancellationToken)
    {
        if (NameProblem(name) is { } problem)
        {
            return problem;
        }

        if (symbols is null)
        {
            return UseCaseError.Invalid("symbols", "the body must be {\"symbols\":[...]}");
        }

        if (symbols.Count > maxSymbols)
        {
            return UseCaseError.Invalid("symbols", $"a watchlist holds at most {maxSymbols} symbols");
        }

        var accepted = new List<string>();
        for (var i = 0; i < symbols.Count; i++)
        {
            var s = symbols[i]?.Trim() ?? string.Empty;
            if (!Symbol.IsValid(s, out var why))
            {
                return UseCaseError.Invalid($"symbols[{i}]", why);
            }

            if (!accepted.Contains(s))
            {
                accepted.Add(s);
            }
        }

        var watchlist = new Watchlist(name, accepted);
        var envelope = new RecordEnvelope<Watchlist>(name, owner, RecordKinds.Watchlist, time.GetUtcNow(),
            JsonSerializer.SerializeToElement(new { symbols }, JsonSerializerOptions.Web), CodeVersion, "active", watchlist);
        await records.UpsertAsync(envelope, cancellationToken).ConfigureAwait(false);
        return watchlist;
    }

    /// <summary>Null once deleted; else why not.</summary>
    public async Task<UseCaseError?> DeleteAsync(string name, CancellationToken cancellationToken)
    {
        if (NameProblem(name) is { } problem)
        {
            return problem;
        }

        return await records.DeleteAsync(RecordKinds.Watchlist, owner, name, cancellationToken: cancellationToken).ConfigureAwait(false)
            ? null
            : UseCaseError.NotFound($"watchlist '{name}' does not exist");
    }

    private static UseCaseError? NameProblem(string name) =>
        string.IsNullOrWhiteSpace(name) || name.Length > 64 || !name.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_')
            ? UseCaseError.Invalid("name", $"'{name}' is not a watchlist name (1-64 letters, digits, - or _)")
            : null;
}
