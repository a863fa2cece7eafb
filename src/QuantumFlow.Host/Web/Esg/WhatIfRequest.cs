using System.Text.Json;

namespace QuantumFlow.Host.Web.Esg;

/// <summary>
/// POST /api/esg/what-if: a shipped company by <see cref="Company"/> id, or a company of the caller's own as
/// <see cref="CompanyData"/> (the fields of a companies file), and the lever changes (see GET /api/esg/what-if/levers).
/// </summary>
public sealed record WhatIfRequest
{
    public string? Company { get; init; }
    public JsonElement? CompanyData { get; init; }
    public string? Profile { get; init; }
    public double Co2 { get; init; }
    public double Renewable { get; init; }
    public double Recycling { get; init; }
    public double Satisfaction { get; init; }
    public double Diversity { get; init; }
    public double FemaleBoard { get; init; }
}
