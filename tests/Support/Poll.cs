namespace QuantumFlow.Tests.Support;

/// <summary>
/// Waits for a condition the test can observe (a count, an answer, a line), polled against a deadline: what a test
/// waits for is named and checked, never slept on.
/// </summary>
public static class Poll
{
    /// <param name="every">Time between checks (default 100 ms); longer where a check is costly (a process per check).</param>
    /// <param name="details">More to say when the deadline passes (process logs), evaluated only then.</param>
    /// <exception cref="TimeoutException">the condition did not hold within <paramref name="limit"/>, naming <paramref name="what"/>.</exception>
    public static async Task Until(Func<Task<bool>> condition, TimeSpan limit, string what, TimeSpan? every = null, Func<string>? details = null)
    {
        DateTime deadline = DateTime.UtcNow + limit;
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"not within {limit.TotalSeconds} s: {what}{(details is null ? "" : "\n" + details())}");
            await Task.Delay(every ?? TimeSpan.FromMilliseconds(100));
        }
    }

    /// <inheritdoc cref="Until(Func{Task{bool}}, TimeSpan, string, TimeSpan?, Func{string}?)"/>
    public static Task Until(Func<bool> condition, TimeSpan limit, string what, TimeSpan? every = null) =>
        Until(() => Task.FromResult(condition()), limit, what, every);
}
