namespace QuantumFlow.Models.Prediction.Live;

/// <summary>A model as an ensemble member: its name, the version of what it runs, and its validation log-loss if it was trained (the ensemble's prior).</summary>
public sealed record ModelInfo(string Name, string Version, double? ValidationLogLoss = null);
