using Akka.Actor;
using Akka.Event;
using QuantumFlow.Inspection.Commands;

namespace QuantumFlow.Actors.Inspection.Handlers;

/// <summary><c>log peek</c> and <c>log set-level</c> for this node.</summary>
public sealed class LogPalette(InspectionContext context, IActorRef buffer) : IPaletteHandler
{
    public string Palette => "log";

    public Task<CommandOutcome> RunAsync(CommandInvocation call, IInspectionOutput output, CancellationToken cancel) => call.Spec.Name switch
    {
        "peek" => PeekAsync(call.GetInt("count", 1, 1_000), output),
        "set-level" => SetLevelAsync(call.Require("level"), output),
        _ => Task.FromResult(CommandOutcome.Failed($"{call.Spec.FullName} has no handler")),
    };

    private async Task<CommandOutcome> PeekAsync(int count, IInspectionOutput output)
    {
        LogBuffer.Entries entries = await buffer.Ask<LogBuffer.Entries>(new LogBuffer.Peek(count), context.AskTimeout);
        var rows = entries.Events.Select(e => (IReadOnlyList<object?>)
        [
            e.Timestamp.ToUniversalTime().ToString("yyyy-MM-dd HH:mm:ss.fff", System.Globalization.CultureInfo.InvariantCulture),
            Level(e.LogLevel()), e.LogSource, e.Message?.ToString() + (e.Cause is null ? "" : " | " + e.Cause.Message),
        ]).ToList();
        await output.TableAsync("log", ["time", "level", "source", "message"], rows);
        if (rows.Count == 0) await output.NoteAsync($"nothing logged at {Level(context.System.EventStream.LogLevel)} or above since the node started");
        return CommandOutcome.Ok;
    }

    private async Task<CommandOutcome> SetLevelAsync(string text, IInspectionOutput output)
    {
        LogLevel level = ParseLevel(text);
        LogLevel before = context.System.EventStream.LogLevel;
        context.System.EventStream.SetLogLevel(level);
        // Akka.NET fixes each logging adapter's enabled levels when the adapter is created, so actors started before
        // this change keep logging at their old level until they restart; the node's loggers follow it at once.
        await output.NoteAsync($"log level {Level(before)} -> {Level(level)} (actors created before this change keep their level until they restart)");
        return CommandOutcome.Ok;
    }

    /// <exception cref="CommandUsageException">not DEBUG, INFO, WARNING or ERROR.</exception>
    public static LogLevel ParseLevel(string text) => text.ToUpperInvariant() switch
    {
        "DEBUG" => LogLevel.DebugLevel,
        "INFO" => LogLevel.InfoLevel,
        "WARNING" or "WARN" => LogLevel.WarningLevel,
        "ERROR" => LogLevel.ErrorLevel,
        _ => throw new CommandUsageException($"log set-level: '{text}' is not DEBUG, INFO, WARNING or ERROR"),
    };

    public static string Level(LogLevel level) => level switch
    {
        LogLevel.DebugLevel => "DEBUG",
        LogLevel.InfoLevel => "INFO",
        LogLevel.WarningLevel => "WARNING",
        _ => "ERROR",
    };
}
