namespace QuantumFlow.Models.Market;

/// <summary>One price level set to an absolute size (zero removes it).</summary>
public readonly record struct LevelUpdate(Side Side, Price Price, Quantity Quantity);
