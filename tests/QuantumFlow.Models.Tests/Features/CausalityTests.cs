using QuantumFlow.Models.Features;

namespace QuantumFlow.Models.Tests.Features;

public class CausalityTests
{
    private static readonly FeatureOptions Small = new() { BarUpdates = 5, VolatilityWindows = [2, 4], OfiWindows = [3, 10], TradeWindowsMs = [5, 50] };

    public static TheoryData<int, int> Cases()
    {
        var data = new TheoryData<int, int>();
        foreach (int seed in new[] { 11, 12, 13 })
            foreach (int k in new[] { 1, 2, 7, 64, 333, 1_001 })
                data.Add(seed, k);
        return data;
    }

    private static List<double[]> Run(IReadOnlyList<RandomMarket.Step> steps, FeatureOptions options)
    {
        var rows = new List<double[]>();
        RandomMarket.Replay(steps, new FeatureEngine(options), (_, _, v) => rows.Add(v.Values.ToArray()));
        return rows;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Features_of_the_first_k_events_do_not_depend_on_what_follows(int seed, int k)
    {
        var all = RandomMarket.Generate(seed, 1_500);
        foreach (FeatureOptions options in new[] { FeatureOptions.Default, Small })
        {
            List<double[]> full = Run(all, options);
            List<double[]> prefix = Run(all.Take(k).ToList(), options);
            Assert.Equal(k, prefix.Count);
            for (int i = 0; i < k; i++)
                Assert.True(full[i].AsSpan().SequenceEqual(prefix[i]), $"event {i} differs once events after {k} are known");
            // And the future does matter to later rows (the comparison above is not vacuous).
            Assert.False(full[^1].AsSpan().SequenceEqual(prefix[^1]));
        }
    }

    [Fact]
    public void Replaying_after_reset_gives_the_same_rows()
    {
        var steps = RandomMarket.Generate(21, 800);
        var engine = new FeatureEngine(Small);
        var first = new List<double[]>();
        RandomMarket.Replay(steps, engine, (_, _, v) => first.Add(v.Values.ToArray()));
        engine.Reset();
        int i = 0;
        RandomMarket.Replay(steps, engine, (_, _, v) => Assert.True(v.Values.SequenceEqual(first[i++]), $"row {i - 1} differs after Reset"));
        Assert.Equal(steps.Count, i);
    }
}
