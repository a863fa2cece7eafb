using QuantumFlow.Models.Features;
using QuantumFlow.Models.Market;
using QuantumFlow.Models.Venues;
using N = QuantumFlow.Models.Features.FeatureNames;

namespace QuantumFlow.Models.Tests.Features;

public sealed class ModelInputsTests
{
    [Fact]
    public void The_time_between_events_is_left_out_for_the_book_intensity_it_inverts()
    {
        Assert.Contains(N.Relative(N.OrderBookIntensity), ModelInputs.Names);
        Assert.DoesNotContain(N.AvgTimeBetweenEvents, ModelInputs.Names);
        Assert.DoesNotContain(N.Relative(N.AvgTimeBetweenEvents), ModelInputs.Names);
        Assert.DoesNotContain(N.MidReturnBps, ModelInputs.Names);
        Assert.All(ModelInputs.LeftOut, f => Assert.Contains(f, FeatureSchema.Default.Names)); // no stale name

        // Why: over a window of n events, (span / (n - 1)) ms times (n / span) per second is 1000 n / (n - 1).
        int window = FeatureOptions.Default.QueueWindow;
        string path = Path.Combine(TestData.RepoRoot, "data", "samples", "btcusdt_20240718.gz");
        var replica = new FeatureReplica(Venue.BinanceUsdm, "BTCUSDT");
        int time = replica.Engine.Schema.IndexOf(N.AvgTimeBetweenEvents), intensity = replica.Engine.Schema.IndexOf(N.OrderBookIntensity);
        int compared = 0, full = 0;
        foreach (MarketEvent e in ScaleInvarianceTests.Events(path))
        {
            if (replica.Apply(e) is not { } v) continue;
            if (v[time] == 0) continue;
            double product = v[time] * v[intensity];
            long n = (long)Math.Round(product / (product - 1000));
            Assert.InRange(n, 2, window);
            Assert.Equal(1000.0 * n / (n - 1), product, product * 1e-9);
            compared++;
            if (n == window) full++;
        }
        Assert.True(full > 3_000, $"{compared} vectors compared, {full} of them over a full window");
    }
}
