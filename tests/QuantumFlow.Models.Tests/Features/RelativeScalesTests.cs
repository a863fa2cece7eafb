using QuantumFlow.Models.Features;
using QuantumFlow.Models.Features.Scaling;

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
}
