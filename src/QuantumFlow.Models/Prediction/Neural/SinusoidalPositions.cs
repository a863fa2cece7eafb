namespace QuantumFlow.Models.Prediction.Neural;

/// <summary>
/// The transformer's fixed encodings of a row's age in the window (0 = newest), computed the same way by the torch
/// network that trains and the exported one that predicts, so neither has to trust the other's stored copy.
/// </summary>
public static class SinusoidalPositions
{
    /// <summary>Ages a transformer has encodings for: the longest window it can read.</summary>
    public const int MaxLength = 1024;

    /// <summary>Row-major (length x d): sin at even columns, cos at odd, wavelengths in a geometric series up to 10,000.</summary>
    public static float[] Values(int length, int d)
    {
        var pe = new float[length * d];
        for (int pos = 0; pos < length; pos++)
        {
            for (int i = 0; i < d; i += 2)
            {
                double angle = pos / Math.Pow(10_000, (double)i / d);
                pe[pos * d + i] = (float)Math.Sin(angle);
                if (i + 1 < d) pe[pos * d + i + 1] = (float)Math.Cos(angle);
            }
        }
        return pe;
    }
}
