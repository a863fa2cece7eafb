using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using QuantumFlow.Host.Web.Esg;

namespace QuantumFlow.Host.Tests.Esg;

/// <summary>The ESG API on a real Kestrel server (127.0.0.1, a free port), called over HTTP.</summary>
public sealed class EsgApiTests : IAsyncLifetime
{
    private WebApplication _app = null!;
    private HttpClient _http = null!;

    public async Task InitializeAsync()
    {
        WebApplicationBuilder builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel().UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        builder.Services.AddProblemDetails();
        _app = builder.Build();
        _app.MapEsgApi();
        await _app.StartAsync();
        string address = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        _http = new HttpClient { BaseAddress = new Uri(address) };
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private async Task<JsonElement> Get(string path, HttpStatusCode expected = HttpStatusCode.OK)
    {
        HttpResponseMessage response = await _http.GetAsync(path);
        return await Read(response, expected);
    }

    private static async Task<JsonElement> Read(HttpResponseMessage response, HttpStatusCode expected)
    {
        string body = await response.Content.ReadAsStringAsync();
        Assert.True(expected == response.StatusCode, $"{response.StatusCode}: {body}");
        if (expected != HttpStatusCode.OK) Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    private static double R(JsonElement e, string property) => Math.Round(e.GetProperty(property).GetDouble(), 2);

    [Fact]
    public async Task Companies_and_scores_give_the_spec_values()
    {
        Assert.Equal(5, (await Get("/api/esg/companies")).GetArrayLength());
        Assert.Equal("Mining", (await Get("/api/esg/companies/mineralco")).GetProperty("sector").GetString());

        JsonElement scores = await Get("/api/esg/scores");
        JsonElement tech = scores[0];
        Assert.Equal((85.22, 72.55, 92.00, 82.82), (R(tech, "environmental"), R(tech, "social"), R(tech, "governance"), R(tech, "overall")));
        Assert.Equal("AAA", tech.GetProperty("rating").GetProperty("code").GetString());
        Assert.Equal("#00A86B", tech.GetProperty("rating").GetProperty("colour").GetString());
        Assert.Equal(15, tech.GetProperty("components").EnumerateObject().Count());

        JsonElement green = await Get("/api/esg/scores/greenbank?profile=recommended");
        Assert.Equal("recommended", green.GetProperty("profile").GetString());
        Assert.Equal(100, green.GetProperty("components").GetProperty("Compensation").GetDouble());
    }

    [Fact]
    public async Task Unknown_company_is_404_and_bad_query_is_400_with_problem_details()
    {
        JsonElement missing = await Get("/api/esg/scores/acme", HttpStatusCode.NotFound);
        Assert.Equal(404, missing.GetProperty("status").GetInt32());
        Assert.Contains("acme", missing.GetProperty("detail").GetString());
        await Get("/api/esg/companies/acme", HttpStatusCode.NotFound);

        JsonElement profile = await Get("/api/esg/scores?profile=fancy", HttpStatusCode.BadRequest);
        Assert.Contains("unknown profile 'fancy'", profile.GetProperty("errors").GetProperty("profile")[0].GetString());
        JsonElement severity = await Get("/api/esg/alerts?severity=urgent", HttpStatusCode.BadRequest);
        Assert.True(severity.GetProperty("errors").TryGetProperty("severity", out _));
    }

    [Fact]
    public async Task Portfolio_get_and_post()
    {
        JsonElement shipped = await Get("/api/esg/portfolio");
        Assert.Equal(72.41, R(shipped, "weightedScore"));
        Assert.Equal(3, shipped.GetProperty("leaders").GetArrayLength());
        Assert.Equal(0, shipped.GetProperty("laggards").GetArrayLength());
        Assert.Equal(2, shipped.GetProperty("ratingDistribution").GetProperty("AAA").GetInt32());

        HttpResponseMessage own = await _http.PostAsJsonAsync("/api/esg/portfolio",
            new { name = "Mine", holdings = new object[] { new { company = "techcorp", weight = 3 }, new { company = "mineralco", weight = 1 } } });
        JsonElement mine = await Read(own, HttpStatusCode.OK);
        Assert.Equal("Mine", mine.GetProperty("portfolio").GetString());
        Assert.Equal(Math.Round(0.75 * 82.8211 + 0.25 * 54.6659, 1), Math.Round(mine.GetProperty("weightedScore").GetDouble(), 1));

        HttpResponseMessage bad = await _http.PostAsJsonAsync("/api/esg/portfolio",
            new { holdings = new object[] { new { company = "techcorp", weight = 1 }, new { company = "acme", weight = -1 } } });
        JsonElement problem = await Read(bad, HttpStatusCode.BadRequest);
        JsonElement errors = problem.GetProperty("errors");
        Assert.Contains("unknown company 'acme'", errors.GetProperty("entry 2: company")[0].GetString());
        Assert.Contains("negative", errors.GetProperty("entry 2: weight")[0].GetString());

        JsonElement malformed = await Read(await _http.PostAsync("/api/esg/portfolio", new StringContent("{\"holdings\": [", Encoding.UTF8, "application/json")),
            HttpStatusCode.BadRequest);
        Assert.Contains("malformed JSON", malformed.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Users_companies_are_scored_from_a_csv_body()
    {
        string csv = string.Join("\n", File.ReadAllLines(Path.Combine(QuantumFlow.Host.Cli.EsgSampleData.Directory, "companies.csv")).Take(3));
        JsonElement scores = await Read(await _http.PostAsync("/api/esg/scores", new StringContent(csv, Encoding.UTF8, "text/csv")), HttpStatusCode.OK);
        Assert.Equal(2, scores.GetArrayLength());
        Assert.Equal(63.54, R(scores[1], "environmental"));

        JsonElement bad = await Read(await _http.PostAsync("/api/esg/scores", new StringContent(csv.Replace(",Energy,80000,", ",Energy,-1,"), Encoding.UTF8, "text/csv")),
            HttpStatusCode.BadRequest);
        Assert.True(bad.GetProperty("errors").TryGetProperty("line 3: revenue", out _), bad.ToString());
    }

    [Fact]
    public async Task What_if_returns_new_scores_and_validates_ranges()
    {
        JsonElement r = await Read(await _http.PostAsJsonAsync("/api/esg/what-if",
            new { company = "consumergoods", renewable = 30, recycling = 30, satisfaction = 20, diversity = 20, femaleBoard = 20 }), HttpStatusCode.OK);
        Assert.True(r.GetProperty("ratingChanged").GetBoolean());
        Assert.Equal("AAA", r.GetProperty("projected").GetProperty("rating").GetProperty("code").GetString());
        Assert.Equal(74.34, R(r.GetProperty("baseline"), "overall"));
        Assert.True(r.GetProperty("environmentalDelta").GetDouble() > 0);

        JsonElement range = await Read(await _http.PostAsJsonAsync("/api/esg/what-if", new { company = "techcorp", co2 = -80 }), HttpStatusCode.BadRequest);
        Assert.Contains("outside -50..50", range.GetProperty("errors").GetProperty("techcorp: co2")[0].GetString());
        await Read(await _http.PostAsJsonAsync("/api/esg/what-if", new { company = "acme" }), HttpStatusCode.NotFound);

        Assert.Equal(6, (await Get("/api/esg/what-if/levers")).GetArrayLength());
    }

    [Fact]
    public async Task Alerts_are_filtered_by_severity_category_and_company()
    {
        JsonElement all = await Get("/api/esg/alerts");
        Assert.Equal(11, all.GetArrayLength());
        Assert.Equal("High", all[0].GetProperty("severity").GetString());
        Assert.Equal(6, (await Get("/api/esg/alerts?severity=high")).GetArrayLength());
        Assert.Equal(2, (await Get("/api/esg/alerts?category=Opportunity")).GetArrayLength());
        Assert.Equal(5, (await Get("/api/esg/alerts?company=mineralco")).GetArrayLength());
        Assert.Equal(2, (await Get("/api/esg/alerts?company=mineralco&severity=Medium")).GetArrayLength());
    }
}
