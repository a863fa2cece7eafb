using Akka.Actor;

namespace QuantumFlow.Actors.Hosting;

/// <summary>
/// Asks an entity through its shard region, waiting out a shard that moves (its node died or left, or the coordinator
/// itself moves) instead of failing on the first ask timeout. A message routed while the region still believes the
/// dead node hosts the shard is lost rather than buffered, so one long ask is not enough: the question is sent again
/// after each short attempt, until it is answered or the deadline passes. Only for questions (GetBook, GetPrediction):
/// asking twice must change nothing.
/// </summary>
public static class ShardedAsk
{
    /// <summary>What `pbm` commands wait: under the client's default 30 s timeout, so the node's own error arrives first.</summary>
    public static readonly TimeSpan InspectionDeadline = TimeSpan.FromSeconds(25);

    /// <summary>How long one attempt waits before the question is sent again.</summary>
    public static readonly TimeSpan Attempt = TimeSpan.FromSeconds(2);

    /// <param name="what">names the entity in the error: "the book binance-usdm:BTCUSDT".</param>
    /// <exception cref="AskTimeoutException">no answer before <paramref name="deadline"/>, saying how long and how often it was asked.</exception>
    public static async Task<T> AskAsync<T>(IActorRef region, object question, string what, TimeSpan deadline, CancellationToken cancel = default, TimeSpan? attempt = null)
    {
        TimeSpan each = attempt ?? Attempt;
        DateTime until = DateTime.UtcNow + deadline;
        if (deadline <= TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(deadline), deadline, "a deadline must be positive");
        for (int tries = 1; ; tries++)
        {
            TimeSpan left = until - DateTime.UtcNow;
            try
            {
                return await region.Ask<T>(question, left < each ? left : each, cancel);
            }
            // Not for the last few milliseconds: the scheduler's timeouts fire up to a tick early, and a sliver of an
            // attempt is no attempt.
            catch (AskTimeoutException) when (until - DateTime.UtcNow > TimeSpan.FromMilliseconds(50))
            {
                // Its shard is being placed again: ask anew, the region has buffered or re-routed by now.
            }
            catch (AskTimeoutException)
            {
                throw new AskTimeoutException($"{what} did not answer within {deadline.TotalSeconds:0.#} s (asked {tries} times; its shard may still be " +
                                              "moving after a node failed, or the node hosting it is overloaded)");
            }
        }
    }
}
