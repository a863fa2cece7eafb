using System.CommandLine;
using System.Net;
using System.Net.Sockets;
using QuantumFlow.Actors.Hosting;
using QuantumFlow.Host.Cli;
using QuantumFlow.Host.Web;

namespace QuantumFlow.Host.Tests.Web;

/// <summary>
/// Issue 15: every node of scripts/cluster.sh tried 127.0.0.1:5080 and all but one logged "Hosting failed to start" with
/// a stack trace before falling back. A node left on the default port that finds it taken says in its dashboard line
/// which port it took instead; an address asked for that is taken is one error line and exit 2.
/// </summary>
public sealed class WebPortTests
{
    [Fact]
    public async Task A_taken_default_port_falls_back_to_a_free_one_named_in_the_dashboard_line()
    {
        // Holds the default port for the test; when another process already holds it, the node meets the same situation.
        using TcpListener? holder = TryListen(WebOptions.DefaultPort);
        var output = new StringWriter();
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        var spec = new FeedSpec(FeedKind.Sim) { Symbols = ["SIM-A"], EventsPerSecond = 20 };
        var seen = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        var watching = new LineWatcher(output, "dashboard: ", seen);

        Task<int> run = RunCommand.RunAsync(WebHostFixture.Node(predictions: false), spec, TimeSpan.FromSeconds(30), watching, stop.Token,
            new RunCommand.WebStart(new WebOptions(), [], null));
        string line = await seen.Task.WaitAsync(TimeSpan.FromSeconds(60));

        var dashboard = new Uri(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]);
        Assert.NotEqual(WebOptions.DefaultPort, dashboard.Port);
        Assert.Contains($"{WebOptions.DefaultUrls[0]} was in use", line);
        using var http = new HttpClient { BaseAddress = dashboard };
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/health")).StatusCode);
        Assert.Single(output.ToString().Split('\n'), l => l.Contains("in use", StringComparison.Ordinal));

        await stop.CancelAsync();
        Assert.Equal(0, await run.WaitAsync(TimeSpan.FromSeconds(60)));
    }

    [Fact]
    public async Task A_taken_address_that_was_asked_for_is_one_error_line_and_exit_2()
    {
        using var holder = new TcpListener(IPAddress.Loopback, 0);
        holder.Start();
        string url = $"http://127.0.0.1:{((IPEndPoint)holder.LocalEndpoint).Port}";
        var output = new StringWriter();
        var error = new StringWriter();
        using var bound = new CancellationTokenSource(TimeSpan.FromSeconds(90));

        int code = await Program.Root().Parse(["run", "--journal", "memory", "--inspect-port", "0", "--feed", "sim", "--symbols", "SIM-A", "--http-urls", url])
            .InvokeAsync(new InvocationConfiguration { Output = output, Error = error }, bound.Token);

        Assert.Equal(CliErrors.Usage, code);
        string[] lines = error.ToString().Trim().Split('\n');
        Assert.True(lines.Length == 1, error.ToString());
        Assert.StartsWith("error: ", lines[0]);
        Assert.Contains(url, lines[0]);
        Assert.Contains("--http-urls", lines[0]);
        Assert.DoesNotContain("dashboard:", output.ToString());
    }

    private static TcpListener? TryListen(int port)
    {
        var listener = new TcpListener(IPAddress.Loopback, port);
        try
        {
            listener.Start();
            return listener;
        }
        catch (SocketException e) when (e.SocketErrorCode == SocketError.AddressAlreadyInUse)
        {
            listener.Dispose();
            return null;
        }
    }

    /// <summary>Writes through to <paramref name="inner"/>; completes <paramref name="seen"/> with the first line starting with the prefix.</summary>
    private sealed class LineWatcher(TextWriter inner, string prefix, TaskCompletionSource<string> seen) : TextWriter
    {
        public override System.Text.Encoding Encoding => inner.Encoding;

        public override void Write(char value) => inner.Write(value);

        public override void WriteLine(string? value)
        {
            inner.WriteLine(value);
            if (value?.StartsWith(prefix, StringComparison.Ordinal) == true) seen.TrySetResult(value);
        }
    }
}
