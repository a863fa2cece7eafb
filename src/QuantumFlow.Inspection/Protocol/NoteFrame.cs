namespace QuantumFlow.Inspection.Protocol;

/// <summary>Server to client: a sentence for the operator (what an empty answer means, what a command did).</summary>
public sealed record NoteFrame(long Id, string Text) : InspectionFrame(Id);
