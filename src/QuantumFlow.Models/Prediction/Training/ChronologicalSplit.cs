using QuantumFlow.Models.Labels;

namespace QuantumFlow.Models.Prediction.Training;

/// <summary>
/// Train / validation / test by time inside each session (the seed split overlapping windows at random, so test
/// windows shared 99 of 100 rows with training ones: seed flaw 1). Each session's labelled rows are cut at the given
/// fractions, and <see cref="Purge"/> rows are dropped before each later part: a window of L rows and a label h
/// rows ahead mean L + h rows are needed for no example to see what the next part is scored on.
/// </summary>
public sealed record ChronologicalSplit(List<Example> Train, List<Example> Validation, List<Example> Test, int Purge)
{
    public static ChronologicalSplit Make(IReadOnlyList<SessionRows> sessions, int window, long horizonRows, double trainFraction = 0.7, double validationFraction = 0.15) =>
        Make(sessions, window, _ => horizonRows, trainFraction, validationFraction);

    /// <summary>With a horizon in rows of its own per session (a time horizon spans more rows on a busier book).</summary>
    /// <remarks><see cref="Purge"/> reports the longest purge of any session.</remarks>
    public static ChronologicalSplit Make(IReadOnlyList<SessionRows> sessions, int window, Func<SessionRows, long> horizonRowsOf, double trainFraction = 0.7, double validationFraction = 0.15)
    {
        int longest = 0;
        var train = new List<Example>();
        var validation = new List<Example>();
        var test = new List<Example>();
        for (int s = 0; s < sessions.Count; s++)
        {
            long horizonRows = horizonRowsOf(sessions[s]);
            int purge = checked(window + (int)horizonRows);
            longest = Math.Max(longest, purge);
            int n = sessions[s].Count;
            int trainEnd = (int)(n * trainFraction), validationEnd = (int)(n * (trainFraction + validationFraction));
            for (int r = window - 1; r < n; r++)
            {
                if (sessions[s].Labels[r] is not LabelClass) continue;
                if (r < trainEnd - horizonRows) train.Add(new Example(s, r));
                else if (r >= trainEnd + purge && r < validationEnd - horizonRows) validation.Add(new Example(s, r));
                else if (r >= validationEnd + purge) test.Add(new Example(s, r));
            }
        }
        return new ChronologicalSplit(train, validation, test, longest);
    }
}
