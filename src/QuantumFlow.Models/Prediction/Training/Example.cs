namespace QuantumFlow.Models.Prediction.Training;

/// <summary>One training example: the window ending at row <paramref name="Row"/> of session <paramref name="Session"/>, labelled by that row.</summary>
public readonly record struct Example(int Session, int Row);
