using System.Collections.Immutable;
using QuantumFlow.Models.Labels;
using QuantumFlow.Models.State;

namespace QuantumFlow.Models.Prediction;

/// <summary>
/// A model that keeps learning live: told the label of a past prediction once its horizon has passed, together with
/// the feature row it predicted from (the state then, not now).
/// </summary>
public interface IOnlineLearner : IProbabilisticModel
{
    void Learn(ReadOnlySpan<double> featuresAtPrediction, LabelClass label);

    /// <summary>What it has learned, so a restarted book goes on exactly from here.</summary>
    void Save(StateWriter state);

    /// <summary>
    /// What <see cref="Save"/> wrote, into a learner built from the same options, whose rows have
    /// <paramref name="featureNames"/> (a restored learner may be taught before it is next asked).
    /// </summary>
    /// <exception cref="InvalidDataException">The state is not this learner's (it is then half-loaded: <see cref="Forget"/> it).</exception>
    void Load(StateReader state, ImmutableArray<string> featureNames);

    /// <summary>Forgets everything learned: as new.</summary>
    void Forget();
}
