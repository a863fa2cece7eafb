namespace QuantumFlow.Models.Esg;

/// <summary>A rule's finding about one company, with what to do about it.</summary>
public sealed record EsgAlert(
    DateTimeOffset Timestamp,
    string CompanyId,
    string CompanyName,
    AlertSeverity Severity,
    string Category,
    string Rule,
    string Message,
    string RecommendedAction);
