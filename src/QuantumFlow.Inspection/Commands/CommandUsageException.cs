namespace QuantumFlow.Inspection.Commands;

/// <summary>A command line that names no command, misses a required value or has a bad one: exit code 2, with this message.</summary>
public sealed class CommandUsageException(string message) : Exception(message);
