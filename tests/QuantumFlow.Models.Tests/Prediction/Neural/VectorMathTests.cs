using System.Numerics;
using QuantumFlow.Models.Prediction.Neural;

namespace QuantumFlow.Models.Tests.Prediction.Neural;

/// <summary>The single-precision exponential and gates against double-precision math, over their whole range.</summary>
public sealed class VectorMathTests
{
    private static IEnumerable<float> Grid(float from, float to, int count) =>
        Enumerable.Range(0, count).Select(i => from + (to - from) * i / (count - 1));

    private static float[] Apply(Func<Vector<float>, Vector<float>> f, float[] x)
    {
        int lanes = Vector<float>.Count;
        var y = new float[x.Length];
        for (int i = 0; i + lanes <= x.Length; i += lanes) f(new Vector<float>(x, i)).CopyTo(y, i);
        return y;
    }

    [Fact]
    public void Exp_is_within_two_units_in_the_last_place_where_the_result_is_a_normal_float()
    {
        float[] x = [.. Grid(-87f, 88f, 64_000), -0f, 0f, 1e-8f, -1e-8f, 0.34657359f, -0.34657359f, 1f, -1f, 10f, -10f];
        x = [.. x.Take(x.Length / Vector<float>.Count * Vector<float>.Count)];
        float[] y = Apply(VectorMath.Exp, x);
        for (int i = 0; i < x.Length; i++)
        {
            double exact = Math.Exp(x[i]);
            double ulp = (double)MathF.BitIncrement((float)exact) - (float)exact;
            Assert.True(Math.Abs(y[i] - exact) <= 2 * ulp, $"exp({x[i]:R}) = {y[i]:R}, exact {exact:R}");
        }
    }

    [Fact]
    public void Exp_saturates_to_finite_values_beyond_its_range_and_the_gates_reach_their_limits()
    {
        float[] x = [-1e30f, -200f, -88f, 89f, 200f, 1e30f, float.MinValue, float.MaxValue];
        float[] e = Apply(VectorMath.Exp, x);
        Assert.All(e, v => Assert.True(float.IsFinite(v) && v > 0, $"{v}"));
        Assert.True(e[0] < 2e-38f && e[^1] > 1e38f);
        float[] s = Apply(VectorMath.Sigmoid, x), t = Apply(VectorMath.Tanh, x);
        for (int i = 0; i < x.Length; i++)
        {
            Assert.True(x[i] < 0 ? s[i] < 1e-37f : s[i] == 1f, $"sigmoid({x[i]:R}) = {s[i]:R}");
            Assert.Equal(x[i] < 0 ? -1f : 1f, t[i]);
        }
    }

    [Fact]
    public void Sigmoid_and_tanh_are_within_1e7_of_double_precision()
    {
        float[] x = [.. Grid(-30f, 30f, 24_000)];
        float[] s = Apply(VectorMath.Sigmoid, x), t = Apply(VectorMath.Tanh, x);
        for (int i = 0; i < x.Length; i++)
        {
            Assert.True(Math.Abs(s[i] - 1 / (1 + Math.Exp(-x[i]))) < 1e-7, $"sigmoid({x[i]:R}) = {s[i]:R}");
            Assert.True(Math.Abs(t[i] - Math.Tanh(x[i])) < 2e-7, $"tanh({x[i]:R}) = {t[i]:R}");
        }
    }
}
