namespace QuantumFlow.Inspection.Protocol;

/// <summary>Client to server: run <c>PALETTE COMMAND [switches] [arguments]</c>, given as words, with the token if the client has one.</summary>
public sealed record RunFrame(long Id, IReadOnlyList<string> Words, string? Token) : InspectionFrame(Id);
