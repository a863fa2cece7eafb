namespace QuantumFlow.Host.Web.Contracts;

/// <summary>A cluster member as the status shows it.</summary>
public sealed record MemberPayload(string Address, string Status, IReadOnlyList<string> Roles);
