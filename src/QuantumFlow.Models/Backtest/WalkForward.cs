namespace QuantumFlow.Models.Backtest;

/// <summary>
/// Chronological folds over sessions: fold k trains on sessions 0..k-1 and tests on session k, so a model is only ever
/// tested on data after everything it learned from, never the reverse. What "train" means is the caller's: here the
/// online learners warm up on the training sessions (the batch models are fixed checkpoints, trained beforehand).
/// </summary>
public static class WalkForward
{
    /// <exception cref="ArgumentException">fewer sessions than <paramref name="minTrain"/> + 1, or sessions out of time order or overlapping (naming them).</exception>
    public static IReadOnlyList<WalkForwardFold> Plan(IReadOnlyList<BacktestSession> sessions, int minTrain = 1)
    {
        if (minTrain < 1) throw new ArgumentException("train on at least one session", nameof(minTrain));
        if (sessions.Count < minTrain + 1)
            throw new ArgumentException($"walk-forward needs at least {minTrain + 1} sessions, got {sessions.Count}", nameof(sessions));
        for (int i = 1; i < sessions.Count; i++)
        {
            if (sessions[i].StartNs < sessions[i - 1].EndNs)
                throw new ArgumentException($"sessions out of time order or overlapping: '{sessions[i].Name}' starts before '{sessions[i - 1].Name}' ends; give them oldest first", nameof(sessions));
        }
        var folds = new List<WalkForwardFold>();
        for (int k = minTrain; k < sessions.Count; k++) folds.Add(new WalkForwardFold(folds.Count, [.. sessions.Take(k)], sessions[k]));
        return folds;
    }

    /// <summary>
    /// [<paramref name="startNs"/>, <paramref name="endNs"/>) cut into <paramref name="parts"/> sessions of equal
    /// length in time order, named "part k/n"; the last one takes the remainder of the division.
    /// </summary>
    /// <exception cref="ArgumentException">fewer than 2 parts, or a span too short to give each part a nanosecond.</exception>
    public static IReadOnlyList<BacktestSession> EqualParts(long startNs, long endNs, int parts)
    {
        if (parts < 2) throw new ArgumentException($"walk-forward needs at least 2 parts, got {parts}", nameof(parts));
        long part = (endNs - startNs) / parts;
        if (part <= 0) throw new ArgumentException("the replay is too short to split into parts");
        return [.. Enumerable.Range(0, parts)
            .Select(k => new BacktestSession($"part {k + 1}/{parts}", startNs + k * part, k == parts - 1 ? endNs : startNs + (k + 1) * part))];
    }
}
