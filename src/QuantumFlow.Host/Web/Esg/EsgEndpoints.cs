using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using QuantumFlow.Host.Web.Api;
using QuantumFlow.Models.Esg;

namespace QuantumFlow.Host.Web.Esg;

/// <summary>
/// The ESG REST API under /api/esg (docs/ESG.md). Bad input answers 400 with RFC 7807 validation problem details
/// naming row and field; an unknown company 404. Bodies are read and validated here rather than model-bound, so a
/// malformed body gets the same clear message as a bad file in the CLI.
/// </summary>
public static class EsgEndpoints
{
    private static readonly JsonSerializerOptions RequestJson = new(JsonSerializerDefaults.Web);

    /// <summary>Maps the API on the shipped example data.</summary>
    public static RouteGroupBuilder MapEsgApi(this IEndpointRouteBuilder app) => app.MapEsgApi(EsgDataSet.Shipped());

    public static RouteGroupBuilder MapEsgApi(this IEndpointRouteBuilder app, EsgDataSet data)
    {
        TimeProvider clock = app.ServiceProvider.GetService<TimeProvider>() ?? TimeProvider.System;
        RouteGroupBuilder api = app.MapGroup("/api/esg").WithTags("ESG");

        api.MapGet("/companies", () => Results.Ok(data.Companies))
            .WithName("EsgCompanies").WithSummary("The example companies' reported metrics.")
            .Produces<IReadOnlyList<CompanyMetrics>>();

        api.MapGet("/companies/{id}", (string id) => data.Find(id) is { } c ? Results.Ok(c) : UnknownCompany(id))
            .WithName("EsgCompany").WithSummary("One example company's metrics.")
            .Produces<CompanyMetrics>().ProducesProblem(StatusCodes.Status404NotFound);

        api.MapGet("/profiles", () => Results.Ok(EsgProfile.All))
            .WithName("EsgProfiles").WithSummary("The scoring profiles: weights, benchmarks, penalty rules.")
            .Produces<IReadOnlyList<EsgProfile>>();

        api.MapGet("/scores", (string? profile) => WithProfile(profile, p => Results.Ok(data.Companies.Select(c => EsgScorer.Score(c, p)).ToList())))
            .WithName("EsgScores").WithSummary("E, S, G, overall, rating and the 15 components of every example company.")
            .Produces<IReadOnlyList<EsgScore>>().ProducesValidationProblem();

        api.MapGet("/scores/{id}", (string id, string? profile) =>
                WithProfile(profile, p => data.Find(id) is { } c ? Results.Ok(EsgScorer.Score(c, p)) : UnknownCompany(id)))
            .WithName("EsgScore").WithSummary("One example company's scorecard.")
            .Produces<EsgScore>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);

        api.MapPost("/scores", async (HttpRequest request, string? profile) =>
                await WithBody(request, profile, (text, p) =>
                    Results.Ok(CompanyFile.Parse(text, "request body", FormatOf(request)).Select(c => EsgScorer.Score(c, p)).ToList())))
            .WithName("EsgScoreCompanies").WithSummary("Score your own companies: a companies file as the body (JSON, or CSV with Content-Type text/csv).")
            .Accepts<IReadOnlyList<CompanyMetrics>>("application/json", "text/csv")
            .Produces<IReadOnlyList<EsgScore>>().ProducesValidationProblem()
            .WithBodyLimit(BodyLimit.EsgFile).ProducesProblem(StatusCodes.Status413PayloadTooLarge);

        api.MapGet("/portfolio", (string? profile) => WithProfile(profile, p => Results.Ok(PortfolioAnalyzer.Analyze(data.Portfolio, data.Companies, p))))
            .WithName("EsgPortfolio").WithSummary("The example portfolio: weighted score, leaders, laggards, score by sector, rating distribution.")
            .Produces<PortfolioAnalysis>().ProducesValidationProblem();

        api.MapPost("/portfolio", async (HttpRequest request, string? profile) =>
                await WithBody(request, profile, (text, p) =>
                {
                    // Holdings may bring their own companies ({"holdings": [...], "companies": [...]}); else the examples.
                    IReadOnlyList<CompanyMetrics> companies = HasProperty(text, "companies") ? CompanyFile.Parse(text, "request body", EsgFileFormat.Json) : data.Companies;
                    // Without a "name" the portfolio is named after its source, here "your portfolio".
                    EsgPortfolio portfolio = PortfolioFile.Parse(text, "your portfolio", EsgFileFormat.Json, companies);
                    return Results.Ok(PortfolioAnalyzer.Analyze(portfolio, companies, p));
                }))
            .WithName("EsgAnalyzePortfolio").WithSummary("Analyse your own holdings: {\"holdings\": [{\"company\": ID, \"weight\": W}], \"companies\"?: [...]}.")
            .Accepts<JsonElement>("application/json")
            .Produces<PortfolioAnalysis>().ProducesValidationProblem()
            .WithBodyLimit(BodyLimit.EsgFile).ProducesProblem(StatusCodes.Status413PayloadTooLarge);

        api.MapPost("/what-if", async (HttpRequest request) =>
            {
                WhatIfRequest? body;
                try
                {
                    body = await JsonSerializer.DeserializeAsync<WhatIfRequest>(request.Body, RequestJson, request.HttpContext.RequestAborted);
                }
                catch (JsonException e)
                {
                    return Invalid("request body", "body", $"malformed JSON: {e.Message}");
                }
                if (body is null) return Invalid("request body", "body", "expected a JSON object");
                return WithProfile(body.Profile, p =>
                {
                    CompanyMetrics? company = body.CompanyData is { ValueKind: JsonValueKind.Object } own
                        ? CompanyFile.Parse($"[{own.GetRawText()}]", "companyData", EsgFileFormat.Json)[0]
                        : body.Company is null ? null : data.Find(body.Company);
                    if (company is null)
                        return body.Company is null ? Invalid("request body", "company", "give a company id or companyData") : UnknownCompany(body.Company);
                    var scenario = new WhatIfScenario
                    {
                        Co2 = body.Co2, Renewable = body.Renewable, Recycling = body.Recycling,
                        Satisfaction = body.Satisfaction, Diversity = body.Diversity, FemaleBoard = body.FemaleBoard,
                    };
                    return Results.Ok(WhatIfSimulator.Simulate(company, scenario, p));
                });
            })
            .WithName("EsgWhatIf").WithSummary("Rescore a company with changed CO2, renewables, recycling, satisfaction, diversity, female board share.")
            .Accepts<WhatIfRequest>("application/json")
            .Produces<WhatIfResult>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound)
            .WithBodyLimit(BodyLimit.EsgWhatIf).ProducesProblem(StatusCodes.Status413PayloadTooLarge);

        api.MapGet("/what-if/levers", () => Results.Ok(WhatIfLever.All))
            .WithName("EsgWhatIfLevers").WithSummary("The what-if levers: field, range, step, unit.")
            .Produces<IReadOnlyList<WhatIfLever>>();

        api.MapGet("/alerts", (string? profile, string? severity, string? category, string? company) => WithProfile(profile, p =>
            {
                AlertSeverity? wanted = null;
                if (severity is not null)
                {
                    if (!Enum.TryParse(severity, ignoreCase: true, out AlertSeverity s) || !Enum.IsDefined(s))
                        return Invalid("query", "severity", $"unknown severity '{severity}'; expected High, Medium or Low");
                    wanted = s;
                }
                if (category is not null && !EsgAlertRules.Categories.All.Contains(category, StringComparer.OrdinalIgnoreCase))
                    return Invalid("query", "category", $"unknown category '{category}'; expected {string.Join(", ", EsgAlertRules.Categories.All)}");
                if (company is not null && data.Find(company) is null) return UnknownCompany(company);
                IEnumerable<EsgAlert> alerts = EsgAlertRules.Evaluate(data.Companies, p, clock.GetUtcNow());
                if (wanted is { } w) alerts = alerts.Where(a => a.Severity == w);
                if (category is not null) alerts = alerts.Where(a => string.Equals(a.Category, category, StringComparison.OrdinalIgnoreCase));
                if (company is not null) alerts = alerts.Where(a => string.Equals(a.CompanyId, company, StringComparison.OrdinalIgnoreCase));
                return Results.Ok(alerts.ToList());
            }))
            .WithName("EsgAlerts").WithSummary("Rule-based alerts, HIGH first; filter by severity, category and company.")
            .Produces<IReadOnlyList<EsgAlert>>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);

        return api;
    }

    private static IResult WithProfile(string? name, Func<EsgProfile, IResult> body)
    {
        EsgProfile? profile = EsgProfile.Find(name);
        if (profile is null)
            return Invalid("query", "profile", $"unknown profile '{name}'; expected {string.Join(" or ", EsgProfile.All.Select(p => p.Name))}");
        try
        {
            return body(profile);
        }
        catch (EsgDataException e)
        {
            return Results.ValidationProblem(
                e.Errors.GroupBy(x => $"{x.Row}: {x.Field}").ToDictionary(g => g.Key, g => g.Select(x => x.Message).ToArray()),
                detail: e.Message, title: "Invalid ESG input");
        }
    }

    private static async Task<IResult> WithBody(HttpRequest request, string? profile, Func<string, EsgProfile, IResult> body)
    {
        using var reader = new StreamReader(request.Body);
        string text = await reader.ReadToEndAsync(request.HttpContext.RequestAborted);
        return WithProfile(profile, p => body(text, p));
    }

    private static EsgFileFormat FormatOf(HttpRequest request) =>
        request.ContentType?.StartsWith("text/csv", StringComparison.OrdinalIgnoreCase) == true ? EsgFileFormat.Csv : EsgFileFormat.Json;

    private static bool HasProperty(string json, string name)
    {
        try
        {
            using var doc = JsonDocument.Parse(json);
            return doc.RootElement.ValueKind == JsonValueKind.Object && doc.RootElement.TryGetProperty(name, out _);
        }
        catch (JsonException)
        {
            return false; // the holdings parser reports the malformed JSON with its line
        }
    }

    private static IResult Invalid(string source, string field, string message) =>
        Results.ValidationProblem(new Dictionary<string, string[]> { [field] = [message] }, detail: $"{source}: {message}", title: "Invalid ESG input");

    private static IResult UnknownCompany(string id) =>
        Results.Problem(detail: $"no company with id '{id}'", statusCode: StatusCodes.Status404NotFound, title: "Unknown company");
}
