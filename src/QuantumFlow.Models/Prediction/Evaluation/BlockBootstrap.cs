namespace QuantumFlow.Models.Prediction.Evaluation;

/// <summary>
/// Circular block bootstrap over examples in time order. Labels of nearby predictions share most of their horizon,
/// so examples are far from independent and an ordinary bootstrap would give intervals that are much too narrow;
/// resampling whole blocks keeps that dependence. Each segment (a market) is resampled within itself, so a pooled
/// interval keeps every market's share.
/// </summary>
public sealed class BlockBootstrap
{
    private readonly IReadOnlyList<(int Start, int Count)> _segments;
    private readonly int _total;

    /// <param name="segments">Runs of consecutive examples resampled separately (start index, count).</param>
    /// <param name="blockLength">At least the number of examples one label horizon spans.</param>
    public BlockBootstrap(IReadOnlyList<(int Start, int Count)> segments, int blockLength, int resamples = 200, int seed = 17)
    {
        ArgumentNullException.ThrowIfNull(segments);
        ArgumentOutOfRangeException.ThrowIfLessThan(blockLength, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(resamples, 10);
        _segments = segments;
        _total = segments.Sum(s => s.Count);
        BlockLength = blockLength;
        Resamples = resamples;
        Seed = seed;
    }

    public int BlockLength { get; }
    public int Resamples { get; }
    public int Seed { get; }

    /// <summary>
    /// The block length for examples whose labels overlap: the larger of the examples inside one horizon (measured)
    /// and the square root of the count, which makes blocks long against the dependence and still many.
    /// </summary>
    public static int DefaultBlockLength(int count, double examplesPerHorizon) =>
        Math.Max(1, Math.Min(Math.Max(1, count / 4), (int)Math.Ceiling(Math.Max(examplesPerHorizon * 2, Math.Sqrt(count)))));

    /// <summary>The percentile interval (2.5 %, 97.5 % by default) of <paramref name="statistic"/> over the resamples.</summary>
    /// <param name="statistic">Computed from the resampled example indices (reused between calls: read, don't keep).</param>
    public Interval Interval(Func<int[], double> statistic, double level = 0.95)
    {
        ArgumentNullException.ThrowIfNull(statistic);
        if (_total == 0) return new Interval(double.NaN, double.NaN);
        var rng = new Random(Seed);
        var indices = new int[_total];
        var values = new double[Resamples];
        for (int b = 0; b < Resamples; b++)
        {
            Fill(rng, indices);
            values[b] = statistic(indices);
        }
        Array.Sort(values);
        double tail = (1 - level) / 2;
        return new Interval(Quantile(values, tail), Quantile(values, 1 - tail));
    }

    private void Fill(Random rng, int[] into)
    {
        int k = 0;
        foreach ((int start, int count) in _segments)
        {
            if (count == 0) continue;
            int block = Math.Min(BlockLength, count);
            int filled = 0;
            while (filled < count)
            {
                int from = rng.Next(count);
                for (int j = 0; j < block && filled < count; j++, filled++) into[k++] = start + (from + j) % count;
            }
        }
    }

    private static double Quantile(double[] sorted, double q)
    {
        double pos = q * (sorted.Length - 1);
        int lo = (int)Math.Floor(pos), hi = (int)Math.Ceiling(pos);
        return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo);
    }
}

/// <summary>A confidence interval.</summary>
public readonly record struct Interval(double Low, double High);
