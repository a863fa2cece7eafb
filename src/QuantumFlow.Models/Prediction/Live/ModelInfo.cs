namespace QuantumFlow.Models.Prediction.Live;

/// <summary>A model as an ensemble member: its name and the version of what it runs.</summary>
public sealed record ModelInfo(string Name, string Version);
