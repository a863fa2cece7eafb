namespace QuantumFlow.Models.Prediction;

/// <summary>
/// One model's part in a prediction: what it said and the weight the ensemble gave it. A value, not an object: a node
/// publishes one per member per book update, and as objects they were a quarter of everything it allocated.
/// </summary>
public readonly record struct ModelOutput(string Name, string Version, double Weight, double Down, double Flat, double Up);
