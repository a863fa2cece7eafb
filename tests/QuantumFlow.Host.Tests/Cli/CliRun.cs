using System.CommandLine;
using QuantumFlow.Host.Cli;

namespace QuantumFlow.Host.Tests.Cli;

/// <summary>The `quantumflow` root command run in this process, with what it wrote to stdout and stderr.</summary>
public static class CliRun
{
    /// <param name="cancel">Bounds a verb that would otherwise run until stopped: a regression fails the test instead of hanging it.</param>
    public static async Task<(int Code, string Output, string Error)> InvokeAsync(string[] args, CancellationToken cancel)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        int code = await Program.Root().Parse(args).InvokeAsync(new InvocationConfiguration { Output = output, Error = error }, cancel);
        return (code, output.ToString(), error.ToString());
    }
}
