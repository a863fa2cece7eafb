using System.Text.Json;
using QuantumFlow.Host.Inspection;
using QuantumFlow.Inspection.Client;
using Spectre.Console;

namespace QuantumFlow.Host.Tests.Inspection;

/// <summary>What `quantumflow pbm --json` printed for one command, with its exit code.</summary>
public sealed record PbmAnswer(int Exit, string Output, string Error)
{
    private JsonElement Root => JsonDocument.Parse(Output).RootElement;

    /// <summary>A table's rows, each a column → JSON value map.</summary>
    public List<Dictionary<string, JsonElement>> Rows(string table) =>
        Root.GetProperty("tables").GetProperty(table).EnumerateArray()
            .Select(r => r.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.Clone())).ToList();

    public string Table(string table) => Root.GetProperty("tables").GetProperty(table).GetRawText();

    public override string ToString() => $"exit {Exit}\n{Output}\n{Error}";

    /// <summary>`quantumflow pbm --json` through the real client classes, in this process (a child process per command would cost seconds each).</summary>
    public static async Task<PbmAnswer> AskAsync(int port, string line, string? token = null)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        IAnsiConsole console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(output), Ansi = AnsiSupport.No });
        var arguments = new PbmArguments(new InspectionEndpoint("127.0.0.1", port), [], Json: true, token, TimeSpan.FromSeconds(20));
        await using var session = new PbmSession(arguments, console, output, error);
        int exit = await session.RunOnceAsync(QuantumFlow.Inspection.Commands.CommandParser.Split(line), CancellationToken.None);
        return new PbmAnswer(exit, output.ToString(), error.ToString());
    }
}
