using QuantumFlow.Actors.Inspection.Handlers;
using QuantumFlow.Actors.Inspection.Server;
using QuantumFlow.Inspection.Commands;
using QuantumFlow.Inspection.Protocol;

namespace QuantumFlow.Actors.Tests.Inspection;

public sealed class CommandDispatcherTests
{
    private sealed class RecordingPalette(string palette, Func<CommandInvocation, CommandOutcome>? run = null) : IPaletteHandler
    {
        public List<string> Ran { get; } = new();
        public string Palette => palette;

        public Task<CommandOutcome> RunAsync(CommandInvocation call, IInspectionOutput output, CancellationToken cancel)
        {
            Ran.Add(call.Spec.FullName);
            return Task.FromResult(run?.Invoke(call) ?? CommandOutcome.Ok);
        }
    }

    private sealed class NoOutput : IInspectionOutput
    {
        public Task TableAsync(string title, IReadOnlyList<string> columns, IReadOnlyList<IReadOnlyList<object?>> rows) => Task.CompletedTask;
        public Task NoteAsync(string text) => Task.CompletedTask;
        public Task RowAsync(IReadOnlyList<string> columns, IReadOnlyList<object?> values) => Task.CompletedTask;
    }

    private static Task<CommandOutcome> Run(CommandDispatcher d, string line, string? token = null) =>
        d.RunAsync(CommandParser.Split(line), token, new NoOutput(), CancellationToken.None);

    [Fact]
    public async Task Commands_that_change_the_cluster_need_the_configured_token()
    {
        var cluster = new RecordingPalette("cluster");
        var d = new CommandDispatcher([cluster], token: "s3cret");
        const string leave = "cluster leave -a akka.tcp://quantumflow@127.0.0.1:4053";
        Assert.Equal(ExitCodes.Unauthorized, (await Run(d, leave)).Exit);
        Assert.Equal(ExitCodes.Unauthorized, (await Run(d, leave, "s3cre")).Exit);
        Assert.Equal(ExitCodes.Unauthorized, (await Run(d, leave, "s3cret!")).Exit);
        Assert.Empty(cluster.Ran);
        Assert.Equal(ExitCodes.Ok, (await Run(d, leave, "s3cret")).Exit);
        Assert.Equal(ExitCodes.Ok, (await Run(d, "cluster show")).Exit); // reading needs no token
        Assert.Equal(["cluster leave", "cluster show"], cluster.Ran);
    }

    [Fact]
    public async Task Without_a_configured_token_nothing_changes_the_cluster()
    {
        var cluster = new RecordingPalette("cluster");
        var d = new CommandDispatcher([cluster], token: null);
        CommandOutcome refused = await Run(d, "cluster down-unreachable", "anything");
        Assert.Equal(ExitCodes.Unauthorized, refused.Exit);
        Assert.Contains("no inspection token configured", refused.Error);
        Assert.Empty(cluster.Ran);
    }

    [Fact]
    public async Task Failures_become_exit_codes_with_reasons()
    {
        var d = new CommandDispatcher(
        [
            new RecordingPalette("book", _ => throw new CommandUsageException("bad symbol")),
            new RecordingPalette("feed", _ => throw new InvalidOperationException("boom")),
            new RecordingPalette("journal", _ => throw new Akka.Actor.AskTimeoutException("10 s")),
        ], token: null);
        Assert.Equal(new CommandOutcome(ExitCodes.Usage, "bad symbol"), await Run(d, "book show -s X"));
        CommandOutcome failed = await Run(d, "feed status");
        Assert.Equal(ExitCodes.Failed, failed.Exit);
        Assert.Contains("boom", failed.Error);
        Assert.Contains("no answer in time", (await Run(d, "journal stats")).Error);
        Assert.Equal(ExitCodes.Usage, (await Run(d, "book")).Exit);
        Assert.Equal(ExitCodes.Failed, (await Run(d, "model list")).Exit); // a palette this dispatcher does not serve
    }
}
