namespace QuantumFlow.Actors;

/// <summary>Marks messages that are journaled or cross nodes: they are bound to the explicit QuantumFlow serializer.</summary>
public interface IQuantumFlowMessage;
