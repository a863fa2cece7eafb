using System.CommandLine;
using System.Diagnostics;
using Akka.Actor;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using QuantumFlow.Actors.Feeds.Common;
using QuantumFlow.Actors.Feeds.Replay;
using QuantumFlow.Actors.Hosting;

namespace QuantumFlow.Host.Cli;

/// <summary><c>quantumflow import</c>: writes recordings into the journal as the same events a live feed would.</summary>
public static class ImportCommand
{
    public static Command Create()
    {
        var node = new NodeFlags();
        var paths = new Argument<string[]>("PATH") { Description = "Recordings; files of one session in order.", Arity = ArgumentArity.OneOrMore };
        var import = new Command("import", "Journal recorded market data through the book actors, as fast as they take it.");
        import.Arguments.Add(paths);
        node.AddTo(import);
        import.SetAction(async (parse, cancel) =>
        {
            TextWriter error = parse.InvocationConfiguration.Error;
            string[] files = parse.GetValue(paths) ?? [];
            foreach (string f in files)
            {
                if (CliErrors.RecordingProblem("recording", f) is { } problem) return CliErrors.Report(error, problem);
            }
            NodeOptions options;
            try
            {
                options = node.Read(parse);
            }
            catch (FormatException e)
            {
                return CliErrors.Report(error, e);
            }
            try
            {
                return await ImportAsync(options, files, parse.InvocationConfiguration.Output, cancel);
            }
            catch (JournalInUseException e)
            {
                // Importing beside a running node would be a second writer of its books.
                return CliErrors.Report(error, e);
            }
        });
        return import;
    }

    public static async Task<int> ImportAsync(NodeOptions options, IReadOnlyList<string> files, TextWriter output, CancellationToken cancel)
    {
        using IHost host = await QuantumFlowNode.StartAsync(options with { Books = options.Books with { Publish = false } }, cancel: cancel);
        ActorSystem system = host.ActorSystem();
        var finished = new TaskCompletionSource<ReplayFinished>(TaskCreationOptions.RunContinuationsAsynchronously);
        IActorRef catcher = system.ActorOf(Props.Create(() => new FinishedCatcher(finished)), "import-finished");
        var spec = new FeedSpec(FeedKind.Replay) { Paths = files, Speed = 0, Loop = false };
        IActorRef feed = system.ActorOf(spec.Props(host.BookRegion(), catcher), "import");
        var clock = Stopwatch.StartNew();
        // SIGINT or SIGTERM reach the node's host first (it begins to stop) and the verb's token: either ends the import.
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancel, host.Services.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping);
        try
        {
            while (await Task.WhenAny(finished.Task, Task.Delay(TimeSpan.FromSeconds(2), stop.Token)) != finished.Task)
            {
                FeedStatus s = await feed.Ask<FeedStatus>(GetFeedStatus.Instance, TimeSpan.FromSeconds(5), stop.Token);
                output.WriteLine($"  {s.Messages} messages read ({s.Messages / Math.Max(clock.Elapsed.TotalSeconds, 1e-3):F0}/s), {s.Books.Sum(b => b.Backlog)} waiting for the journal");
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // Every batch journaled is whole, and the replay's position is journaled: the same import resumes.
            output.WriteLine("stopped; what was journaled stays, and running the same import again resumes after it");
            await host.StopAsync(CancellationToken.None);
            return CliErrors.Stopped;
        }
        ReplayFinished done = await finished.Task;
        string names = string.Join(" + ", files.Select(Path.GetFileName));
        output.WriteLine(done.AlreadyJournaled switch
        {
            0 => $"imported {done.Payloads} payloads ({done.BadPayloads} bad) from {names} into {options.Journal} in {done.Elapsed.TotalSeconds:F1} s",
            _ when done.Payloads == 0 => $"{names} is already in {options.Journal}: nothing imported",
            _ => $"resumed after {done.AlreadyJournaled} payloads already journaled: imported {done.Payloads} more ({done.BadPayloads} bad) from {names} into {options.Journal} in {done.Elapsed.TotalSeconds:F1} s",
        });
        await host.StopAsync(CancellationToken.None);
        return done.BadPayloads > 0 ? 1 : 0;
    }

    private sealed class FinishedCatcher : ReceiveActor
    {
        public FinishedCatcher(TaskCompletionSource<ReplayFinished> finished) => Receive<ReplayFinished>(finished.TrySetResult);
    }
}
