using System.Numerics;
using System.Numerics.Tensors;
using System.Runtime.InteropServices;

namespace QuantumFlow.Models.Prediction.Neural;

/// <summary>
/// The exponential and the gates built on it, a vector at a time, in single precision. The library's vector
/// exponential widens every lane to double and back, which made the LSTM gates and the attention softmax most of a
/// prediction's cost; this is the classic single-precision reduction (e^x = 2^n e^r, |r| &lt;= ln2/2, a degree-6
/// polynomial for e^r), accurate to about one unit in the last place, well inside what the networks can tell apart.
/// </summary>
internal static class VectorMath
{
    private const float Log2E = 1.44269504088896341f;
    private const float Ln2High = 0.693359375f;
    private const float Ln2Low = -2.12194440e-4f;

    /// <summary>
    /// e^x per lane. Inputs are clamped to [-87, 88], where e^x stays a normal float: below, the result is
    /// about 1.6e-38 instead of smaller (or 0); above, about 1.7e38 instead of infinity. Both are exact in every use here
    /// (a sigmoid, a tanh and a softmax are saturated long before).
    /// </summary>
    public static Vector<float> Exp(Vector<float> x)
    {
        x = Vector.Min(Vector.Max(x, new Vector<float>(-87f)), new Vector<float>(88f));
        Vector<float> n = Vector.Floor(x * new Vector<float>(Log2E) + new Vector<float>(0.5f));
        Vector<float> r = x - n * new Vector<float>(Ln2High) - n * new Vector<float>(Ln2Low);
        Vector<float> p = new(1.9875691500e-4f);
        p = p * r + new Vector<float>(1.3981999507e-3f);
        p = p * r + new Vector<float>(8.3334519073e-3f);
        p = p * r + new Vector<float>(4.1665795894e-2f);
        p = p * r + new Vector<float>(1.6666665459e-1f);
        p = p * r + new Vector<float>(5.0000001201e-1f);
        Vector<float> y = p * r * r + r + Vector<float>.One;
        Vector<int> exponent = Vector.ShiftLeft(Vector.ConvertToInt32(n) + new Vector<int>(127), 23);
        return y * Vector.AsVectorSingle(exponent);
    }

    /// <summary>1 / (1 + e^-x).</summary>
    public static Vector<float> Sigmoid(Vector<float> x) => Vector<float>.One / (Vector<float>.One + Exp(-x));

    /// <summary>1 - 2 / (e^2x + 1): +-1 where e^2x saturates, absolute error about 1e-7 near 0.</summary>
    public static Vector<float> Tanh(Vector<float> x) => Vector<float>.One - new Vector<float>(2f) / (Exp(x + x) + Vector<float>.One);

    /// <summary>tanh in place: a vector at a time when the span is whole vectors, otherwise the library's.</summary>
    public static void Tanh(Span<float> x)
    {
        if (x.Length % Vector<float>.Count != 0)
        {
            TensorPrimitives.Tanh(x, x);
            return;
        }
        Span<Vector<float>> v = MemoryMarshal.Cast<float, Vector<float>>(x);
        for (int i = 0; i < v.Length; i++) v[i] = Tanh(v[i]);
    }
}
