using QuantumFlow.Models.Features.OrderFlow;
using QuantumFlow.Models.Features.Rolling;

namespace QuantumFlow.Models.Tests.Features;

public class RollingStatsTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Flow_windows_equal_a_direct_recomputation_after_any_sequence(int seed)
    {
        var rng = new Random(seed);
        int[] windows = [1, 4, 10, 37];
        var flows = new FlowWindows(windows);
        var history = new List<(long Seed, long Cks, long Depth)>();
        for (int step = 0; step < 2_000; step++)
        {
            // Values as large as real raw sizes (up to 10^4 units at 1e-8), both signs; runs of repeats and zeros too.
            long x = rng.Next(4) == 0 ? 0 : rng.NextInt64(-1_000_000_000_000, 1_000_000_000_000);
            if (rng.Next(5) == 0 && history.Count > 0) x = history[^1].Seed;
            long c = rng.NextInt64(-1_000_000_000, 1_000_000_000), d = rng.NextInt64(0, 1_000_000_000_000);
            flows.Push(x, c, d);
            history.Add((x, c, d));
            for (int k = 0; k < windows.Length; k++)
            {
                var w = history.TakeLast(windows[k]).ToArray();
                Assert.Equal(w.Length, flows.Count(k));
                Assert.Equal(w.Sum(a => a.Seed), flows.SeedSum(k));
                Assert.Equal(w.Sum(a => a.Cks), flows.CksSum(k));
                Assert.Equal(w.Sum(a => a.Depth), flows.DepthSum(k));
                // Reference std in exact decimal arithmetic, then to double.
                decimal mean = w.Sum(a => (decimal)a.Seed) / w.Length;
                double std = Math.Sqrt((double)(w.Sum(a => ((decimal)a.Seed - mean) * ((decimal)a.Seed - mean)) / w.Length));
                Assert.Equal(std, flows.SeedStd(k), Math.Max(1e-6, std * 1e-12));
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
