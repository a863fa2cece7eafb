using System.Collections.Immutable;
using QuantumFlow.Models.Prediction.Scaling;

namespace QuantumFlow.Models.Tests.Prediction;

public sealed class ScalerTests
{
    [Fact]
    public void Standardises_by_name_ignores_non_finite_values_and_survives_a_json_round_trip()
    {
        ImmutableArray<string> names = ["x", "constant"];
        Scaler s = Scaler.Fit(names, [[1, 5], [3, 5], [double.NaN, 5], [5, 5]]);
        Assert.Equal(3, s.Means[0], 12);
        Assert.Equal(Math.Sqrt(8.0 / 3), s.Stds[0], 12);
        int[] map = s.Bind(["other", "constant", "x"]);
        Assert.Equal(new[] { 2, 1 }, map);
        var scaled = new double[2];
        s.Transform([99, 5, 3 + Math.Sqrt(8.0 / 3)], map, scaled);
        Assert.Equal(1, scaled[0], 12);
        Assert.Equal(0, scaled[1]);
        Assert.Equal(10, s.Scale(0, 1e9));
        Scaler back = Scaler.FromJson(s.ToJson());
        Assert.Equal(s.Names.ToArray(), back.Names.ToArray());
        Assert.Equal(s.Means.ToArray(), back.Means.ToArray());
        Assert.Equal(s.Stds.ToArray(), back.Stds.ToArray());
        Assert.Throws<KeyNotFoundException>(() => s.Bind(["x"]));
    }
}
