using QuantumFlow.Models.Features;
using QuantumFlow.Models.Features.Scaling;
using QuantumFlow.Models.State;

namespace QuantumFlow.Models.Tests.Features;

public sealed class RelativeScalesTests
{
    [Fact]
    public void A_burst_after_a_quiet_spell_is_compressed_and_the_sign_kept()
    {
        var names = new List<string>(FeatureSchema.Default.Names.TakeWhile(n => !n.EndsWith("_rel", StringComparison.Ordinal)));
        var relative = new RelativeScales(FeatureOptions.Default, names);
        int source = names.IndexOf(FeatureNames.TradeIntensity(1_000)), target = names.IndexOf(FeatureNames.Relative(FeatureNames.TradeIntensity(1_000)));
        int flow = names.IndexOf(FeatureNames.Ofi(1)), flowTarget = names.IndexOf(FeatureNames.Relative(FeatureNames.Ofi(1)));
        var v = new double[names.Count];
        for (int i = 0; i < 1_000; i++)
        {
            v[source] = 1; // one trade a second, for a long time
            v[flow] = i % 2 == 0 ? 2 : -2;
            relative.Update(v);
        }
        Assert.Equal(Math.Log(2), v[target], 9); // a ratio of 1
        v[source] = 500; // then a burst
        v[flow] = -1_000;
        relative.Update(v);
        Assert.InRange(v[target], 5, 7); // ln(1 + ~300): the running scale had only begun to rise, the ratio itself is ~300
        Assert.True(v[flowTarget] < -5, $"{v[flowTarget]}");
        Assert.Equal(0.0999, RelativeScales.Compress(0.105), 3);
        Assert.Equal(-RelativeScales.Compress(3), RelativeScales.Compress(-3), 15);
    }

    [Fact]
    public void A_source_not_measured_yet_does_not_count_into_its_scale()
    {
        var names = new List<string>(FeatureSchema.Default.Names.TakeWhile(n => !n.EndsWith("_rel", StringComparison.Ordinal)));
        var relative = new RelativeScales(FeatureOptions.Default, names);
        int source = names.IndexOf(FeatureNames.AvgTimeBetweenEvents), target = names.IndexOf(FeatureNames.Relative(FeatureNames.AvgTimeBetweenEvents));
        int other = names.IndexOf(FeatureNames.TotalArrivalRate), otherTarget = names.IndexOf(FeatureNames.Relative(FeatureNames.TotalArrivalRate));
        var v = new double[names.Count];
        v[other] = 3;
        for (int i = 0; i < 50; i++)
        {
            relative.Update(v); // the window holds fewer than two events: the time between them is not measured (0)
            Assert.Equal(0, v[target]);
        }
        v[source] = 40;
        relative.Update(v);
        Assert.Equal(Math.Log(2), v[target], 12); // the first measurement is its own scale, not 51 times a scale of zeros
        Assert.Equal(Math.Log(2), v[otherTarget], 12); // a source measured all along is unaffected by the other's start
        v[source] = 0; // a zero after the start is a measurement like any other
        relative.Update(v);
        Assert.Equal(0, v[target]);
        v[source] = 40;
        relative.Update(v);
        Assert.InRange(v[target], Math.Log(2), Math.Log(3)); // the scale took the zero in: 40 is now above it
    }

    [Fact]
    public void A_state_whose_scales_are_out_of_range_is_refused()
    {
        var names = new List<string>(FeatureSchema.Default.Names.TakeWhile(n => !n.EndsWith("_rel", StringComparison.Ordinal)));
        var relative = new RelativeScales(FeatureOptions.Default, names);
        var v = new double[names.Count];
        v[names.IndexOf(FeatureNames.Ofi(1))] = 2;
        relative.Update(v);
        using var saved = new MemoryStream();
        var w = new StateWriter(saved);
        relative.Save(w);
        w.Flush();
        byte[] bytes = saved.ToArray();
        var fresh = new RelativeScales(FeatureOptions.Default, new List<string>(names.Take(names.IndexOf(FeatureNames.Relative(FeatureNames.Ofi(1))))));
        fresh.Load(new StateReader(new MemoryStream(bytes))); // as saved: loads
        int at = bytes.Length - 8; // the last source's weight, the last double written
        BitConverter.GetBytes(1.5).CopyTo(bytes, at);
        var e = Assert.Throws<InvalidDataException>(() => fresh.Load(new StateReader(new MemoryStream(bytes))));
        Assert.Contains("relative scale", e.Message);
    }
}
