namespace QuantumFlow.Host.Web.Contracts;

/// <summary>One price level, exact (decimal from the fixed-point price and size).</summary>
public sealed record LevelPayload(decimal Price, decimal Size);
