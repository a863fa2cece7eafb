using QuantumFlow.Actors.Books;

namespace QuantumFlow.Actors.Prediction;

/// <summary>Asks a book's predictor for its latest prediction; the answer is a <see cref="PredictionEvent"/> or <see cref="NoPrediction"/>.</summary>
public sealed record GetPrediction(string EntityId) : IForChild, IQuantumFlowMessage
{
    public string ChildName => BookPipelineActor.ChildName;
}

/// <summary>The book has made no prediction yet (no valid book since it started, or its models have not answered).</summary>
public sealed record NoPrediction(string EntityId) : IQuantumFlowMessage
{
    /// <summary>Why not, when the book knows (it is stale); null when none has been made yet.</summary>
    public string? Reason { get; init; }
}
