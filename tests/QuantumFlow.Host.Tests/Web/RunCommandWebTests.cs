using System.Net;
using QuantumFlow.Actors.Hosting;
using QuantumFlow.Host.Cli;
using QuantumFlow.Host.Web;

namespace QuantumFlow.Host.Tests.Web;

/// <summary>`quantumflow run` starts the web host next to the node and prints the dashboard's address.</summary>
public sealed class RunCommandWebTests
{
    [Fact]
    public async Task Run_prints_the_dashboard_address_and_serves_it_until_stopped()
    {
        var output = new WatchingWriter("dashboard: ");
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        var spec = new FeedSpec(FeedKind.Sim) { Symbols = ["SIM-A"], EventsPerSecond = 50 };
        Task<int> run = RunCommand.RunAsync(WebHostFixture.Node(predictions: false), spec, TimeSpan.FromSeconds(30), output, stop.Token,
            new RunCommand.WebStart(new WebOptions { Urls = ["http://127.0.0.1:0"] }, [], null));

        string line = await output.Seen.Task.WaitAsync(TimeSpan.FromSeconds(60));
        // Issue 16: a user of `dotnet run` saw nothing until the node was up; the first line says it is starting.
        Assert.StartsWith("quantumflow: starting node (journal ", output.ToString());
        Assert.Contains("feed simulated venue", output.ToString().Split('\n')[0]);
        var dashboard = new Uri(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]);
        Assert.Equal("127.0.0.1", dashboard.Host);
        Assert.NotEqual(0, dashboard.Port);
        using var http = new HttpClient { BaseAddress = dashboard };
        Assert.Contains("<title>QuantumFlow</title>", await http.GetStringAsync("/"));
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/health")).StatusCode);

        await stop.CancelAsync();
        Assert.Equal(0, await run.WaitAsync(TimeSpan.FromSeconds(60)));
    }

    /// <summary>Completes <see cref="Seen"/> with the first line that starts with the prefix.</summary>
    private sealed class WatchingWriter(string prefix) : StringWriter
    {
        public TaskCompletionSource<string> Seen { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public override void WriteLine(string? value)
        {
            base.WriteLine(value);
            if (value?.StartsWith(prefix, StringComparison.Ordinal) == true) Seen.TrySetResult(value);
        }
    }
}
