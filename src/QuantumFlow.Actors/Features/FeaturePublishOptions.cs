namespace QuantumFlow.Actors.Features;

/// <summary>
/// How a book publishes its features (topic qf.features). Which features it computes is
/// <see cref="Prediction.PredictionOptions.Features"/>: one set per book, shared by the publication and the models.
/// </summary>
public sealed record FeaturePublishOptions
{
    /// <summary>
    /// Publish the book's features. With predictions on, the features are computed for the models either way (and
    /// <c>GetFeatures</c> answers); with both off a book has no pipeline child.
    /// </summary>
    public bool Enabled { get; init; } = true;

    /// <summary>Publish the latest vector at most this often (latest wins): consumers want the current state, not every tick.</summary>
    public TimeSpan PublishInterval { get; init; } = TimeSpan.FromMilliseconds(100);
}
