using System.Collections;
using System.Collections.Immutable;
using QuantumFlow.Models.Prediction;
using QuantumFlow.Models.Prediction.Live;

namespace QuantumFlow.Actors.Prediction;

/// <summary>
/// The members' outputs of a finished prediction, read on demand from the prediction's own (immutable) arrays and the
/// predictor's model list: one object per published prediction instead of an array of copies.
/// </summary>
internal sealed class PredictionOutputs(ImmutableArray<ModelInfo> models, CompletedPrediction done) : IReadOnlyList<ModelOutput>
{
    public int Count => done.PerModel.Length;

    public ModelOutput this[int index]
    {
        get
        {
            ModelInfo info = models[index];
            ClassProbabilities p = done.PerModel[index];
            return new ModelOutput(info.Name, info.Version, done.Weights[index], p.Down, p.Flat, p.Up);
        }
    }

    public IEnumerator<ModelOutput> GetEnumerator()
    {
        for (int m = 0; m < Count; m++) yield return this[m];
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
