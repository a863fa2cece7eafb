using System.Net;
using Akka.Actor;
using QuantumFlow.Actors.Hosting;
using QuantumFlow.Actors.Prediction;
using QuantumFlow.Host.Tests.Inspection;
using QuantumFlow.Host.Web;
using QuantumFlow.Inspection;
using QuantumFlow.Tests.Support;

namespace QuantumFlow.Host.Tests.Web;

/// <summary>
/// One real node with its web host on Kestrel (127.0.0.1, a free port), in-memory journal, online learners, replaying
/// the shipped sample fast and looping so pushes keep coming. Shared by the API, hub and browser tests.
/// </summary>
public sealed class WebHostFixture : IAsyncLifetime
{
    public const string ApiKey = "test-key-7";
    public const string Symbol = "binance-usdm:BTCUSDT";

    public WebNode App { get; private set; } = null!;
    public Uri BaseUrl { get; private set; } = null!;
    public HttpClient Http { get; private set; } = null!;

    public static NodeOptions Node(bool predictions) => new()
    {
        Journal = JournalOptions.Parse("memory"),
        Port = 0,
        Inspection = new InspectionOptions { Enabled = false },
        Prediction = new PredictionOptions { Enabled = predictions },
    };

    public async Task InitializeAsync()
    {
        App = await WebHost.StartAsync(Node(predictions: true), new WebOptions { Urls = ["http://127.0.0.1:0"], ApiKey = ApiKey, RateLimitPermits = 100_000 });
        BaseUrl = App.Address;
        Http = new HttpClient { BaseAddress = BaseUrl };
        var spec = new FeedSpec(FeedKind.Replay) { Paths = [Repository.PathOf("data/samples/btcusdt_20240718.gz"), Repository.PathOf("data/samples/btcusdt_20240719.gz")], Speed = 20, Loop = true };
        App.ActorSystem().ActorOf(spec.Props(App.BookRegion()), spec.ActorName);

        // Ready for tests once the first prediction has reached the host.
        await Poll.Until(async () =>
        {
            using HttpResponseMessage r = await Http.GetAsync($"/api/symbols/{Symbol}/prediction");
            return r.StatusCode == HttpStatusCode.OK;
        }, TimeSpan.FromSeconds(60), $"a first prediction of {Symbol} reaches the host");
    }

    public async Task DisposeAsync()
    {
        Http.Dispose();
        await App.StopAsync();
        await App.DisposeAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class WebHostCollection : ICollectionFixture<WebHostFixture>
{
    public const string Name = "web host";
}
