using System.CommandLine;

namespace QuantumFlow.Cli;

/// <summary>How each executable starts: the same <c>--verbose</c> on every verb, and one way to parse and invoke.</summary>
public static class CliProgram
{
    /// <summary>On every verb: a reported error is followed by the exception behind it (never needed to understand one).</summary>
    public static Option<bool> VerboseOption() =>
        new("--verbose") { Description = "After an error line, print the exception behind it (for a bug report).", Recursive = true };

    /// <summary>Parses, sets <see cref="CliErrors.Verbose"/>, runs the verb; SIGINT and SIGTERM reach it as its cancellation token.</summary>
    public static Task<int> RunAsync(RootCommand root, Option<bool> verbose, string[] args)
    {
        ParseResult parsed = root.Parse(args);
        CliErrors.Verbose = parsed.GetValue(verbose);
        return parsed.InvokeAsync();
    }
}
