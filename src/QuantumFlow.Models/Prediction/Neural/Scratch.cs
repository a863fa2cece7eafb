namespace QuantumFlow.Models.Prediction.Neural;

internal static class Scratch
{
    /// <summary>Reuses <paramref name="buffer"/> when it is long enough: inference allocates only while windows grow.</summary>
    public static float[] Grow(ref float[] buffer, int length)
    {
        if (buffer.Length < length) buffer = new float[length];
        return buffer;
    }
}
