using System.Security.Cryptography;
using System.Text;
using Akka.Actor;
using QuantumFlow.Actors.Inspection.Handlers;
using QuantumFlow.Inspection.Commands;
using QuantumFlow.Inspection.Protocol;

namespace QuantumFlow.Actors.Inspection.Server;

/// <summary>
/// Parses a request, checks the token of commands that change the cluster, runs the palette's handler and turns
/// every way it can fail into an exit code and a sentence: the connection never sees an exception.
/// </summary>
public sealed class CommandDispatcher
{
    private readonly Dictionary<string, IPaletteHandler> _handlers;
    private readonly byte[]? _token;

    public CommandDispatcher(IEnumerable<IPaletteHandler> handlers, string? token)
    {
        _handlers = handlers.ToDictionary(h => h.Palette, StringComparer.Ordinal);
        _token = string.IsNullOrEmpty(token) ? null : Encoding.UTF8.GetBytes(token);
    }

    public IReadOnlyCollection<string> Palettes => _handlers.Keys;

    public async Task<CommandOutcome> RunAsync(IReadOnlyList<string> words, string? token, IInspectionOutput output, CancellationToken cancel)
    {
        CommandInvocation call;
        try
        {
            call = CommandParser.Parse(words);
        }
        catch (CommandUsageException e)
        {
            return new CommandOutcome(ExitCodes.Usage, e.Message);
        }
        if (call.Spec.ChangesCluster && Refusal(token) is { } refusal) return new CommandOutcome(ExitCodes.Unauthorized, $"{call.Spec.FullName}: {refusal}");
        if (!_handlers.TryGetValue(call.Spec.Palette, out IPaletteHandler? handler)) return CommandOutcome.Failed($"{call.Spec.FullName}: not served by this node");
        try
        {
            return await handler.RunAsync(call, output, cancel);
        }
        catch (CommandUsageException e)
        {
            return new CommandOutcome(ExitCodes.Usage, e.Message);
        }
        catch (AskTimeoutException e)
        {
            return CommandOutcome.Failed($"{call.Spec.FullName}: no answer in time ({e.Message})");
        }
        catch (OperationCanceledException) when (cancel.IsCancellationRequested)
        {
            return CommandOutcome.Failed($"{call.Spec.FullName}: cancelled");
        }
        catch (Exception e)
        {
            return CommandOutcome.Failed($"{call.Spec.FullName}: {e.GetType().Name}: {e.Message}");
        }
    }

    /// <summary>Whether a token is this node's (false when the node has none): such a client may take the kept slot.</summary>
    public bool HasTokenOf(string? given) => _token is not null && Refusal(given) is null;

    /// <summary>Whether this node has a token configured, and so keeps a slot for clients that bring it.</summary>
    public bool KeepsSlotForToken => _token is not null;

    /// <summary>Why a token does not allow changing the cluster; null when it does. Compared in constant time.</summary>
    private string? Refusal(string? given)
    {
        if (_token is null) return "this node has no inspection token configured (QF_INSPECT_TOKEN), so commands that change the cluster are disabled";
        if (string.IsNullOrEmpty(given)) return "this command changes the cluster and needs the node's token (--token or QF_INSPECT_TOKEN)";
        return CryptographicOperations.FixedTimeEquals(_token, Encoding.UTF8.GetBytes(given)) ? null : "wrong token";
    }
}
