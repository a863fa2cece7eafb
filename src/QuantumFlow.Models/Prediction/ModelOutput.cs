namespace QuantumFlow.Models.Prediction;

/// <summary>One model's part in a prediction: what it said and the weight the ensemble gave it.</summary>
public sealed record ModelOutput(string Name, string Version, double Weight, double Down, double Flat, double Up);
