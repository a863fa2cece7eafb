using QuantumFlow.Models.Features;
using QuantumFlow.Models.Labels;
using QuantumFlow.Models.Tests.Features;

namespace QuantumFlow.Models.Tests.Labels;

public class LabelerTests
{
    private const long Ms = 1_000_000;

    private static LabelPoint[] Points(params (double TimeMs, double Mid)[] p) =>
        [.. p.Select((x, i) => new LabelPoint(i + 1, (long)(x.TimeMs * Ms), x.Mid))];

    private static List<Label> Online(LabelPoint[] points, LabelOptions options)
    {
        var labeler = new Labeler(options);
        var labels = new List<Label>();
        foreach (LabelPoint p in points)
        {
            labeler.Observe(p);
            while (labeler.TryTake(out Label l)) labels.Add(l);
        }
        return labels;
    }

    private static readonly LabelPoint[] EventSeries = Points((0, 100), (1, 100.02), (2, 100.1), (3, 99.9), (4, 99.95), (5, 100.0));

    [Fact]
    public void Event_horizon_compares_the_mid_h_points_later()
    {
        var options = new LabelOptions { Horizon = 2, ThresholdBps = 5 };
        List<Label> labels = Online(EventSeries, options);
        Assert.Equal([LabelClass.Up, LabelClass.Down, LabelClass.Down, LabelClass.Up], labels.Select(l => l.Class));
        Assert.Equal([1L, 2, 3, 4], labels.Select(l => l.Sequence));
        Assert.Equal(10, labels[0].ReturnBps, 1e-9);
        Assert.Equal((99.9 - 100.02) / 100.02 * 1e4, labels[1].ReturnBps, 1e-9);
        Assert.Equal(100.1, labels[0].FutureMid);
        Assert.Equal(0, (int)LabelClass.Down);
        Assert.Equal(1, (int)LabelClass.Flat);
        Assert.Equal(2, (int)LabelClass.Up);
    }

    [Fact]
    public void Smoothed_event_label_uses_the_mean_mid_over_the_next_h_points()
    {
        var options = new LabelOptions { Horizon = 2, ThresholdBps = 5, Smoothed = true };
        List<Label> labels = Online(EventSeries, options);
        Assert.Equal([LabelClass.Up, LabelClass.Flat, LabelClass.Down, LabelClass.Up], labels.Select(l => l.Class));
        Assert.Equal(100.06, labels[0].FutureMid, 1e-10);
        Assert.Equal((100.0 - 100.02) / 100.02 * 1e4, labels[1].ReturnBps, 1e-8);
    }

    [Fact]
    public void A_label_appears_only_once_its_horizon_has_passed()
    {
        var labeler = new Labeler(new LabelOptions { Horizon = 2 });
        labeler.Observe(EventSeries[0]);
        labeler.Observe(EventSeries[1]);
        Assert.False(labeler.TryTake(out _));
        Assert.Equal(2, labeler.PendingCount);
        labeler.Observe(EventSeries[2]);
        Assert.True(labeler.TryTake(out Label l));
        Assert.Equal(1, l.Sequence);
        Assert.False(labeler.TryTake(out _));
    }

    private static readonly LabelPoint[] TimeSeries = Points((0, 100), (4, 100.1), (10, 100.2), (15, 99.8), (30, 100.0));

    [Fact]
    public void Time_horizon_takes_the_mid_in_force_at_t_plus_h_once_a_later_point_proves_it()
    {
        var labeler = new Labeler(new LabelOptions { Unit = HorizonUnit.Milliseconds, Horizon = 10, ThresholdBps = 5 });
        var labels = new List<Label>();
        foreach (LabelPoint p in TimeSeries)
        {
            labeler.Observe(p);
            // The point at exactly t + h (10 ms) is not enough: another point may still come at 10 ms.
            if (p.TimeNs == 10 * Ms) Assert.False(labeler.TryTake(out _));
            while (labeler.TryTake(out Label l)) labels.Add(l);
        }
        Assert.Equal([1L, 2, 3, 4], labels.Select(l => l.Sequence));
        Assert.Equal([100.2, 100.2, 99.8, 99.8], labels.Select(l => l.FutureMid));
        Assert.Equal([LabelClass.Up, LabelClass.Up, LabelClass.Down, LabelClass.Flat], labels.Select(l => l.Class));
    }

    [Fact]
    public void Smoothed_time_label_is_the_time_weighted_mean_over_the_horizon()
    {
        List<Label> labels = Online(TimeSeries, new LabelOptions { Unit = HorizonUnit.Milliseconds, Horizon = 10, Smoothed = true });
        Assert.Equal(100.06, labels[0].FutureMid, 1e-9);    // 100 for 4 ms, 100.1 for 6 ms
        Assert.Equal(100.0, labels[2].FutureMid, 1e-9);     // 100.2 for 5 ms, 99.8 for 5 ms
        Assert.Equal(LabelClass.Up, labels[0].Class);
        Assert.Equal(LabelClass.Down, labels[2].Class);
    }

    [Fact]
    public void Scaled_thresholds_use_the_spread_or_volatility_at_the_labelled_point()
    {
        LabelPoint[] p =
        [
            new(1, 0, 100, SpreadBps: 8, VolatilityBps: 1),
            new(2, Ms, 100.1, SpreadBps: 1, VolatilityBps: 20),
        ];
        var spread = Online(p, new LabelOptions { Horizon = 1, ThresholdBps = 1, Mode = ThresholdMode.Spread, Multiplier = 2 });
        Assert.Equal(16, spread[0].ThresholdBps);
        Assert.Equal(LabelClass.Flat, spread[0].Class); // +10 bps < 16
        var vol = Online(p, new LabelOptions { Horizon = 1, ThresholdBps = 3, Mode = ThresholdMode.Volatility, Multiplier = 2 });
        Assert.Equal(3, vol[0].ThresholdBps);           // the floor
        Assert.Equal(LabelClass.Up, vol[0].Class);
    }

    public static TheoryData<int, HorizonUnit, bool, ThresholdMode> Combinations()
    {
        var data = new TheoryData<int, HorizonUnit, bool, ThresholdMode>();
        foreach (int seed in new[] { 1, 2, 3 })
            foreach (HorizonUnit unit in Enum.GetValues<HorizonUnit>())
                foreach (bool smoothed in new[] { false, true })
                    foreach (ThresholdMode mode in Enum.GetValues<ThresholdMode>())
                        data.Add(seed, unit, smoothed, mode);
        return data;
    }

    [Theory]
    [MemberData(nameof(Combinations))]
    public void Online_labels_agree_with_the_batch_labels(int seed, HorizonUnit unit, bool smoothed, ThresholdMode mode)
    {
        var rng = new Random(seed);
        var points = new LabelPoint[5_000];
        double mid = 60_000;
        long t = 1_700_000_000_000_000_000;
        for (int i = 0; i < points.Length; i++)
        {
            mid *= Math.Exp(4e-4 * (rng.NextDouble() - 0.5));
            t += rng.Next(4) == 0 ? 0 : rng.Next(1, 30) * 100_000; // ties and sub-ms gaps
            points[i] = new LabelPoint(1_000 + i, t, mid, SpreadBps: rng.NextDouble() * 4, VolatilityBps: rng.NextDouble() * 6);
        }
        var options = new LabelOptions { Unit = unit, Horizon = unit == HorizonUnit.Events ? 37 : 250, Smoothed = smoothed, Mode = mode, ThresholdBps = 0.5, Multiplier = 1.5 };

        Label[] batch = BatchLabeler.Label(points, options);
        List<Label> online = Online(points, options);

        Assert.True(batch.Length > 4_000);
        Assert.Equal(batch.Length, online.Count);
        Assert.True(batch.Select(l => l.Class).Distinct().Count() == 3, "every class should occur");
        for (int i = 0; i < batch.Length; i++)
        {
            Assert.Equal(batch[i].Sequence, online[i].Sequence);
            Assert.Equal(batch[i].Class, online[i].Class);
            Assert.Equal(batch[i].ThresholdBps, online[i].ThresholdBps);
            Assert.Equal(batch[i].ReturnBps, online[i].ReturnBps, 1e-7);
        }
    }

    [Fact]
    public void Feature_vectors_are_labelled_by_their_sequence_and_invalid_books_are_skipped()
    {
        var options = new LabelOptions { Horizon = 5, ThresholdBps = 0.5 };
        var labeler = new Labeler(options);
        var points = new List<LabelPoint>();
        var labels = new List<Label>();
        int skipped = 0;
        RandomMarket.Replay(RandomMarket.Generate(7, 2_000), new FeatureEngine(), (_, _, v) =>
        {
            if (labeler.Observe(v)) points.Add(new LabelPoint(v.Sequence, v.TimeNs, v[FeatureNames.MidPrice], v[FeatureNames.SpreadBps]));
            else skipped++;
            while (labeler.TryTake(out Label l)) labels.Add(l);
        });
        Assert.True(skipped > 0, "the random market should produce some one-sided books");
        Label[] batch = BatchLabeler.Label([.. points], options);
        Assert.Equal(batch.Select(l => (l.Sequence, l.Class)), labels.Select(l => (l.Sequence, l.Class)));
    }

    [Fact]
    public void Bad_points_are_refused()
    {
        var labeler = new Labeler();
        Assert.Throws<ArgumentOutOfRangeException>(() => labeler.Observe(new LabelPoint(1, 10, 0)));
        Assert.Throws<ArgumentOutOfRangeException>(() => labeler.Observe(new LabelPoint(1, 10, double.NaN)));
        labeler.Observe(new LabelPoint(1, 10, 100));
        Assert.Throws<ArgumentOutOfRangeException>(() => labeler.Observe(new LabelPoint(2, 9, 100)));
        Assert.Throws<ArgumentOutOfRangeException>(() => BatchLabeler.Label([new LabelPoint(1, 10, 100), new LabelPoint(2, 5, 100)]));
        Assert.Throws<ArgumentException>(() => new Labeler(new LabelOptions { Horizon = 0 }));
    }
}
