using QuantumFlow.Models.Features.Rolling;

namespace QuantumFlow.Models.Tests.Features;

public class RollingStatsTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Integer_stats_equal_a_direct_recomputation_after_any_sequence(int seed)
    {
        var rng = new Random(seed);
        int[] windows = [1, 4, 10, 37];
        var stats = new RollingIntegerStats(windows, trackSquares: true);
        var history = new List<long>();
        for (int step = 0; step < 2_000; step++)
        {
            // Values as large as real raw sizes (up to 10^4 units at 1e-8), both signs.
            long x = rng.NextInt64(-1_000_000_000_000, 1_000_000_000_000);
            stats.Push(x);
            history.Add(x);
            for (int k = 0; k < windows.Length; k++)
            {
                long[] w = [.. history.TakeLast(windows[k])];
                Assert.Equal(w.Length, stats.Count(k));
                Assert.Equal(w.Sum(), stats.Sum(k));
                double mean = w.Select(a => (double)a).Average();
                double std = Math.Sqrt(w.Select(a => ((double)a - mean) * ((double)a - mean)).Average());
                Assert.Equal(std, stats.PopulationStd(k), Math.Max(1e-3, std * 1e-10));
            }
        }
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void Double_stats_stay_equal_to_a_direct_recomputation_over_long_runs(int seed)
    {
        var rng = new Random(seed);
        int[] windows = [2, 5, 20];
        var stats = new RollingDoubleStats(windows);
        var history = new List<double>();
        for (int step = 0; step < 5_000; step++)
        {
            // Log returns of a price: tiny values around a drifting mean, the hard case for running sums.
            double x = 1e-3 * (rng.NextDouble() - 0.45) * (step % 97 == 0 ? 50 : 1);
            stats.Push(x);
            history.Add(x);
            for (int k = 0; k < windows.Length; k++)
            {
                double[] w = [.. history.TakeLast(windows[k])];
                double mean = w.Average();
                Assert.Equal(mean, stats.Mean(k), 1e-15);
                double var = w.Length < 2 ? 0 : w.Sum(a => (a - mean) * (a - mean)) / (w.Length - 1);
                Assert.Equal(var, stats.SampleVariance(k), 1e-15);
            }
        }
    }
}
