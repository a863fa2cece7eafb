namespace QuantumFlow.Models.Labels;

/// <summary>Direction of the future mid move; the numeric values are the model classes (seed spec section 3).</summary>
public enum LabelClass : byte
{
    Down = 0,
    Flat = 1,
    Up = 2,
}
