using System.Collections.Immutable;
using QuantumFlow.Models.Features;
using QuantumFlow.Models.Labels;
using QuantumFlow.Models.Prediction.Scaling;

namespace QuantumFlow.Models.Prediction.Baselines;

/// <summary>
/// Baseline: multinomial logistic regression on a few current-state features (by default CKS OFI and the micro-price
/// deviation), standardised, fit by full-batch gradient descent with L2 and, for the baseline, class weights (the
/// logistic member fits without them, so its probabilities stay calibrated). A deep model that cannot beat this has
/// learned nothing the order flow did not already say.
/// </summary>
public sealed class LogisticRegressionModel : IProbabilisticModel
{
    public static readonly ImmutableArray<string> DefaultFeatures = [FeatureNames.CksOfiNorm(1, 10), FeatureNames.CksOfiNorm(5, 50), FeatureNames.MicroPriceBpsDeviation];

    private readonly Scaler _scaler;
    private readonly double[] _w; // 3 x (features + 1), bias last
    private ImmutableArray<string> _bound;
    private int[] _map = [];

    private LogisticRegressionModel(Scaler scaler, double[] weights)
    {
        _scaler = scaler;
        _w = weights;
    }

    public string Name => "logistic";
    public string Version => "baseline/1 " + string.Join('+', _scaler.Names);
    public int WindowLength => 1;

    public static LogisticRegressionModel Fit(ImmutableArray<string> features, IReadOnlyList<double[]> rows, IReadOnlyList<LabelClass> labels,
        double l2 = 1e-3, int iterations = 300, double learningRate = 0.5, bool balanced = true)
    {
        Scaler scaler = Scaler.Fit(features, rows.Select(r => r));
        int f = features.Length, d = f + 1, n = rows.Count;
        var x = new double[n * d];
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < f; j++) x[i * d + j] = scaler.Scale(j, rows[i][j]);
            x[i * d + f] = 1;
        }
        var counts = new double[3];
        foreach (LabelClass y in labels) counts[(int)y]++;
        double[] classWeight = balanced ? [.. counts.Select(c => c > 0 ? n / (3 * c) : 0)] : [1, 1, 1];
        var w = new double[3 * d];
        var grad = new double[3 * d];
        Span<double> z = stackalloc double[3];
        for (int it = 0; it < iterations; it++)
        {
            Array.Clear(grad);
            for (int i = 0; i < n; i++)
            {
                for (int c = 0; c < 3; c++)
                {
                    double s = 0;
                    for (int j = 0; j < d; j++) s += w[c * d + j] * x[i * d + j];
                    z[c] = s;
                }
                ClassProbabilities p = ClassProbabilities.Softmax(z[0], z[1], z[2]);
                int y = (int)labels[i];
                double cw = classWeight[y];
                for (int c = 0; c < 3; c++)
                {
                    double e = cw * (p[c] - (c == y ? 1 : 0));
                    for (int j = 0; j < d; j++) grad[c * d + j] += e * x[i * d + j];
                }
            }
            for (int k = 0; k < w.Length; k++) w[k] -= learningRate * (grad[k] / n + l2 * w[k]);
        }
        return new LogisticRegressionModel(scaler, w);
    }

    public ClassProbabilities Predict(FeatureWindow window)
    {
        if (window.FeatureNames != _bound)
        {
            _map = _scaler.Bind(window.FeatureNames);
            _bound = window.FeatureNames;
        }
        return PredictRow(window.Latest, _map);
    }

    /// <summary>From a row whose layout <paramref name="map"/> describes (see <see cref="Scaler.Bind"/>).</summary>
    public ClassProbabilities PredictRow(ReadOnlySpan<double> row, int[] map)
    {
        int f = _scaler.Count, d = f + 1;
        Span<double> z = stackalloc double[3];
        for (int c = 0; c < 3; c++)
        {
            double s = _w[c * d + f];
            for (int j = 0; j < f; j++) s += _w[c * d + j] * _scaler.Scale(j, row[map[j]]);
            z[c] = s;
        }
        return ClassProbabilities.Softmax(z[0], z[1], z[2]);
    }

    public Scaler Scaler => _scaler;

    /// <summary>3 x (features + 1) weights, the bias of each class last.</summary>
    public ImmutableArray<double> Weights => [.. _w];
}
