namespace QuantumFlow.Actors.Feeds.Binance;

/// <summary>
/// De-duplicates REST depth snapshot fetches per symbol. A request while a fetch is in flight or already scheduled
/// is absorbed: every book that asked will see that snapshot, and a book for which it comes too early (older than
/// its buffered diffs) or breaks again asks anew after it. Fetches of one symbol start at least
/// <c>minInterval</c> apart, because Binance weighs a 1000-level depth request heavily and bans bursts.
/// </summary>
public sealed class SnapshotRequests(TimeSpan minInterval)
{
    private readonly Dictionary<string, Entry> _symbols = new();

    public enum Decision : byte
    {
        /// <summary>Start the fetch now (it is marked in flight).</summary>
        FetchNow,
        /// <summary>A fetch is in flight or scheduled: nothing to do.</summary>
        Absorbed,
        /// <summary>Too soon after the last fetch: schedule <see cref="Due"/> after the returned delay.</summary>
        Deferred,
    }

    /// <param name="delay">For <see cref="Decision.Deferred"/>: when to call <see cref="Due"/>.</param>
    public Decision Request(string symbol, long nowMs, out TimeSpan delay)
    {
        delay = TimeSpan.Zero;
        Entry e = Get(symbol);
        if (e.InFlight || e.Scheduled) return Decision.Absorbed;
        long wait = e.LastStartMs + (long)minInterval.TotalMilliseconds - nowMs;
        if (e.LastStartMs != long.MinValue && wait > 0)
        {
            e.Scheduled = true;
            delay = TimeSpan.FromMilliseconds(wait);
            return Decision.Deferred;
        }
        e.InFlight = true;
        e.LastStartMs = nowMs;
        return Decision.FetchNow;
    }

    /// <summary>A deferred request's time has come: true when the fetch should start now.</summary>
    public bool Due(string symbol, long nowMs)
    {
        Entry e = Get(symbol);
        if (!e.Scheduled) return false;
        e.Scheduled = false;
        return Request(symbol, nowMs, out _) == Decision.FetchNow;
    }

    /// <summary>The fetch ended (with a snapshot or an error).</summary>
    public void Completed(string symbol) => Get(symbol).InFlight = false;

    public bool IsInFlight(string symbol) => _symbols.TryGetValue(symbol, out Entry? e) && e.InFlight;

    private Entry Get(string symbol)
    {
        if (!_symbols.TryGetValue(symbol, out Entry? e)) _symbols.Add(symbol, e = new Entry());
        return e;
    }

    private sealed class Entry
    {
        public bool InFlight, Scheduled;
        public long LastStartMs = long.MinValue;
    }
}
