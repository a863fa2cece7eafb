using System.Collections.Immutable;
using QuantumFlow.Models.Prediction.Neural.Checkpoints;
using QuantumFlow.Models.Torch.Networks;
using QuantumFlow.Models.Torch.Training;

namespace QuantumFlow.Models.Torch.Tests;

/// <summary>
/// A small sequence task with a known answer: the class is the sign of the mean of feature 0 over the last 4 steps
/// (UP above +0.25, DOWN below -0.25, else FLAT); the other features are noise. Earlier steps are distractors.
/// </summary>
public static class SyntheticTask
{
    public static readonly ImmutableArray<string> Names = ["signal", "noise_a", "noise_b", "noise_c"];

    public static SequenceData Make(int count, int window, int seed)
    {
        var rng = new Random(seed);
        int f = Names.Length;
        var x = new float[count * window * f];
        var y = new int[count];
        for (int n = 0; n < count; n++)
        {
            double level = (rng.Next(3) - 1) * 0.8;
            double recent = 0;
            for (int t = 0; t < window; t++)
            {
                bool late = t >= window - 4;
                double signal = (late ? level : 0) + Gaussian(rng) * 0.3;
                if (late) recent += signal / 4;
                x[(n * window + t) * f] = (float)signal;
                for (int j = 1; j < f; j++) x[(n * window + t) * f + j] = (float)Gaussian(rng);
            }
            y[n] = recent > 0.25 ? 2 : recent < -0.25 ? 0 : 1;
        }
        return new SequenceData(x, y, window, f);
    }

    private static double Gaussian(Random rng) => Math.Sqrt(-2 * Math.Log(1 - rng.NextDouble())) * Math.Cos(2 * Math.PI * rng.NextDouble());

    /// <summary>An untrained torch network of <paramref name="shape"/> over <see cref="Names"/>, seeded, with a fixed scaler.</summary>
    public static TorchSequenceModel Network(NetworkShape shape, int window, int seed)
    {
        NetworkCheckpoint cp = new()
        {
            Name = "m",
            Version = $"test/{seed}",
            Shape = shape with { Inputs = Names.Length },
            WindowLength = window,
            Features = Names,
            Means = [0.1, -0.2, 0, 0.3],
            Stds = [1, 2, 0.5, 1],
            Horizon = 50,
            ThresholdBps = 5,
        };
        TorchRuntime.Initialize();
        TorchSharp.torch.manual_seed(seed);
        return new TorchSequenceModel(cp, NetworkFactory.Create(cp.Shape));
    }
}
