using QuantumFlow.Host.Web.Contracts;

namespace QuantumFlow.Host.Web.Scoring;

/// <summary>The answer of POST /api/predict: the mean of the models, each model, and the snapshot's key features.</summary>
public sealed record ScoreResult(string Symbol, string Predicted, double Confidence, double Down, double Flat, double Up, IReadOnlyList<ModelPayload> Models, IReadOnlyDictionary<string, double> Features);
