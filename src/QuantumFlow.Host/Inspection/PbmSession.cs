using QuantumFlow.Inspection.Client;
using QuantumFlow.Inspection.Commands;
using QuantumFlow.Inspection.Protocol;
using Spectre.Console;

namespace QuantumFlow.Host.Inspection;

/// <summary>
/// The client side of <c>quantumflow pbm</c>: one command, commands read from a pipe, or the interactive prompt with
/// history and completion. Commands are checked against the catalog before anything is sent, so a typo costs no
/// round trip; non-streaming commands give up after the timeout.
/// </summary>
public sealed class PbmSession(PbmArguments arguments, IAnsiConsole console, TextWriter output, TextWriter error) : IAsyncDisposable
{
    private InspectionClient? _client;

    public async Task<int> RunOnceAsync(IReadOnlyList<string> words, CancellationToken cancel)
    {
        if (words.Count > 0 && words[0] is "help" or "--help")
        {
            CatalogHelp.Render(console, words.Count > 1 ? words[1] : null);
            return ExitCodes.Ok;
        }
        CommandInvocation call;
        try
        {
            call = CommandParser.Parse(words);
        }
        catch (CommandUsageException e)
        {
            error.WriteLine($"error: {e.Message}");
            return ExitCodes.Usage;
        }
        InspectionClient client;
        try
        {
            client = _client ??= await InspectionClient.ConnectAsync(arguments.Endpoint, TimeSpan.FromSeconds(Math.Min(10, arguments.Timeout.TotalSeconds)), cancel);
        }
        catch (InspectionUnreachableException e)
        {
            error.WriteLine($"error: {e.Message}");
            return ExitCodes.Unreachable;
        }
        ICommandRenderer renderer = arguments.Json ? new JsonRenderer(output) : new TableRenderer(console, error);
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancel);
        if (!call.Spec.Streams) limit.CancelAfter(arguments.Timeout);
        try
        {
            EndFrame end = await client.RunAsync(words, arguments.Token, renderer.Frame, limit.Token);
            if (limit.IsCancellationRequested && !cancel.IsCancellationRequested && end.Exit != ExitCodes.Ok)
                end = end with { Error = $"{call.Spec.FullName}: no answer within {arguments.Timeout.TotalSeconds:0.#} s" };
            renderer.End(call.Spec.FullName, client.Hello.Node, end);
            return end.Exit;
        }
        catch (InspectionUnreachableException e)
        {
            await DropClientAsync();
            error.WriteLine($"error: {e.Message}");
            return ExitCodes.Unreachable;
        }
    }

    /// <summary>One command per line from a pipe or file; blank lines and # comments skipped. Exit code: the last failure's, else 0.</summary>
    public async Task<int> RunScriptAsync(TextReader input, CancellationToken cancel)
    {
        int exit = ExitCodes.Ok;
        while (!cancel.IsCancellationRequested && await input.ReadLineAsync(cancel) is { } line)
        {
            string trimmed = line.Trim();
            if (trimmed.Length == 0 || trimmed.StartsWith('#')) continue;
            int code = await RunLineAsync(trimmed, cancel);
            if (code != ExitCodes.Ok) exit = code;
        }
        return exit;
    }

    /// <summary>The prompt: Tab completes, Up/Down recall, Ctrl+C drops the line (or stops a running command), Ctrl+D or exit leaves.</summary>
    public async Task<int> RunInteractiveAsync(CancellationToken cancel)
    {
        string home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        var history = new CommandHistory(home.Length > 0 ? Path.Combine(home, ".quantumflow", "pbm_history") : null);
        var prompt = new ConsolePrompt(new LineEditor(history, CommandParser.Complete));
        console.MarkupLine($"[grey]quantumflow pbm: {Markup.Escape(arguments.Endpoint.ToString())}. Tab completes, 'help' lists commands, Ctrl+D or 'exit' leaves.[/]");
        bool controlC = Console.TreatControlCAsInput;
        Console.TreatControlCAsInput = true; // Ctrl+C is a key here: it drops a line or stops a tail, never the whole prompt
        try
        {
            while (!cancel.IsCancellationRequested)
            {
                string? line = prompt.ReadLine($"pbm {arguments.Endpoint}> ");
                if (line is null) break;
                line = line.Trim();
                if (line.Length == 0) continue;
                history.Add(line);
                if (line is "exit" or "quit") break;
                using var running = CancellationTokenSource.CreateLinkedTokenSource(cancel);
                Task watcher = WatchForStopAsync(running);
                await RunLineAsync(line, running.Token);
                await running.CancelAsync();
                await watcher;
            }
        }
        finally
        {
            Console.TreatControlCAsInput = controlC;
        }
        return ExitCodes.Ok;
    }

    private async Task<int> RunLineAsync(string line, CancellationToken cancel)
    {
        IReadOnlyList<string> words;
        try
        {
            words = CommandParser.Split(line);
        }
        catch (CommandUsageException e)
        {
            error.WriteLine($"error: {e.Message}");
            return ExitCodes.Usage;
        }
        return await RunOnceAsync(words, cancel);
    }

    /// <summary>While a command runs at the prompt: Ctrl+C, Esc or q stops it. Ends when <paramref name="running"/> is cancelled.</summary>
    private static async Task WatchForStopAsync(CancellationTokenSource running)
    {
        try
        {
            while (!running.IsCancellationRequested)
            {
                if (Console.KeyAvailable)
                {
                    ConsoleKeyInfo key = Console.ReadKey(intercept: true);
                    bool stop = key.Key is ConsoleKey.Escape or ConsoleKey.Q || (key.Key == ConsoleKey.C && (key.Modifiers & ConsoleModifiers.Control) != 0);
                    if (stop)
                    {
                        await running.CancelAsync();
                        return;
                    }
                }
                await Task.Delay(50, running.Token);
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private async Task DropClientAsync()
    {
        if (_client is not null) await _client.DisposeAsync();
        _client = null;
    }

    public ValueTask DisposeAsync() => _client?.DisposeAsync() ?? ValueTask.CompletedTask;
}
