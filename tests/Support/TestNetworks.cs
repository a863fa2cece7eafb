using QuantumFlow.Models.Prediction.Neural;
using QuantumFlow.Models.Prediction.Scaling;

namespace QuantumFlow.Tests.Support;

/// <summary>
/// Small exported networks with seeded random weights, built without torch: real <see cref="NeuralSequenceModel"/>s
/// (the class the node runs) whose answers vary with their input, for tests of the live and replay paths.
/// </summary>
public static class TestNetworks
{
    public static NeuralSequenceModel Lstm(string name, int windowLength, IReadOnlyList<string> features, int seed = 1, int hidden = 8)
    {
        var rng = new Random(seed);
        float[] Weights(int n) => [.. Enumerable.Range(0, n).Select(_ => (float)(rng.NextDouble() - 0.5))];
        int inputs = features.Count, head = 8;
        var layer = new LstmLayer(Weights(4 * hidden * inputs), Weights(4 * hidden * hidden), Weights(4 * hidden), Weights(4 * hidden), inputs, hidden);
        var classifier = new LstmClassifier([layer], new LayerNormLayer(Weights(hidden), Weights(hidden)),
            new ClassifierHead(new DenseLayer(Weights(head * hidden), Weights(head), hidden, head), new DenseLayer(Weights(3 * head), Weights(3), head, 3)));
        // Unit scaling: the engine's raw values, clipped at +-10.
        var scaler = new Scaler([.. features], [.. features.Select(_ => 0.0)], [.. features.Select(_ => 1.0)]);
        return new NeuralSequenceModel(name, $"test-net/{seed}", windowLength, scaler, classifier);
    }
}
