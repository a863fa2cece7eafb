namespace QuantumFlow.Models.Prediction;

/// <summary>
/// Every model, whatever it is: a window of feature vectors in, P(DOWN/FLAT/UP) for the configured horizon out.
/// A model resolves the features it needs by name from <see cref="FeatureWindow.FeatureNames"/> and applies its own
/// scaler, so windows hold raw engine output and one window serves all models.
/// </summary>
public interface IProbabilisticModel
{
    /// <summary>Stable name, the key of ensemble weights and per-model outputs ("bayes-state", "lstm").</summary>
    string Name { get; }

    /// <summary>What was trained or configured, so a prediction can be traced to an artefact.</summary>
    string Version { get; }

    /// <summary>
    /// Its log-loss on validation data it was not fit on, if it was trained: the ensemble's prior belief in it before
    /// a book's labels say more. Null for a model that starts knowing nothing (an online learner: a uniform guess).
    /// </summary>
    double? ValidationLogLoss => null;

    /// <summary>Rows of history it reads (1 for models of the current state).</summary>
    int WindowLength { get; }

    ClassProbabilities Predict(FeatureWindow window);

    /// <summary>Many windows at once (several symbols): batch models override this to run one forward pass.</summary>
    void PredictBatch(IReadOnlyList<FeatureWindow> windows, Span<ClassProbabilities> results)
    {
        for (int i = 0; i < windows.Count; i++) results[i] = Predict(windows[i]);
    }
}
