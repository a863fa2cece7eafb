using System.CommandLine;
using QuantumFlow.Host.Inspection;
using QuantumFlow.Inspection.Client;
using QuantumFlow.Inspection.Commands;
using QuantumFlow.Inspection.Protocol;
using Spectre.Console;

namespace QuantumFlow.Host.Cli;

/// <summary>
/// <c>quantumflow pbm [HOST:PORT] PALETTE COMMAND [ARGS]</c>: Petabridge.Cmd's command surface against a node's
/// inspection host; with no command, an interactive prompt. The palette's own switches (-a, -r, -s, ...) pass through
/// untouched: only --json, --token and --timeout belong to the verb.
/// </summary>
public static class PbmCommand
{
    public static Command Create()
    {
        var words = new Argument<string[]>("ARGS")
        {
            Description = "[HOST:PORT] PALETTE COMMAND [switches]: the node (default 127.0.0.1:$QF_INSPECT_PORT or 9110) and the command; none: an interactive prompt. 'help' lists commands.",
            Arity = ArgumentArity.ZeroOrMore,
        };
        var json = new Option<bool>("--json") { Description = "JSON instead of tables (one object per command; a stream writes one line per row)." };
        var token = new Option<string?>("--token") { Description = "Token for commands that change the cluster. Env: QF_INSPECT_TOKEN." };
        var timeout = new Option<double>("--timeout") { Description = "Seconds to wait for a command's answer (streams run until stopped).", DefaultValueFactory = _ => 30 };
        var pbm = new Command("pbm", "Inspect and operate a running node, Petabridge.Cmd style: cluster, cluster-sharding, actor, log, book, feed, model, ensemble, journal, predictions.")
        {
            TreatUnmatchedTokensAsErrors = false,
        };
        pbm.Arguments.Add(words);
        pbm.Options.Add(json);
        pbm.Options.Add(token);
        pbm.Options.Add(timeout);
        pbm.SetAction(async (parse, cancel) =>
        {
            PbmArguments arguments;
            try
            {
                arguments = PbmArguments.From(parse.GetValue(words) ?? [], parse.GetValue(json), parse.GetValue(token), parse.GetValue(timeout), Environment.GetEnvironmentVariable);
            }
            catch (CommandUsageException e)
            {
                Console.Error.WriteLine($"error: {e.Message}");
                return ExitCodes.Usage;
            }
            IAnsiConsole console = AnsiConsole.Console;
            // Piped into a file or another tool there is no terminal width to fit: keep table rows on one line.
            if (Console.IsOutputRedirected) console.Profile.Width = Math.Max(console.Profile.Width, 240);
            await using var session = new PbmSession(arguments, console, Console.Out, Console.Error);
            if (!arguments.Interactive) return await session.RunOnceAsync(arguments.Words, cancel);
            return Console.IsInputRedirected ? await session.RunScriptAsync(Console.In, cancel) : await session.RunInteractiveAsync(cancel);
        });
        return pbm;
    }
}
