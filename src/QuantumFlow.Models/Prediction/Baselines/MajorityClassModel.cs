using QuantumFlow.Models.Labels;

namespace QuantumFlow.Models.Prediction.Baselines;

/// <summary>Baseline: the training set's class frequencies, whatever the input (what the seed's "Bayesian" model amounted to).</summary>
public sealed class MajorityClassModel : IProbabilisticModel
{
    private readonly ClassProbabilities _p;

    public MajorityClassModel(IEnumerable<LabelClass> trainingLabels)
    {
        var counts = new double[3];
        foreach (LabelClass y in trainingLabels) counts[(int)y]++;
        _p = ClassProbabilities.Normalized(counts[0] + 1, counts[1] + 1, counts[2] + 1);
    }

    public string Name => "majority";
    public string Version => "baseline/1";
    public int WindowLength => 1;
    public ClassProbabilities Probabilities => _p;
    public ClassProbabilities Predict(FeatureWindow window) => _p;
}
