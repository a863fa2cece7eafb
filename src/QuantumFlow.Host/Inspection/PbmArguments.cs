using QuantumFlow.Inspection.Client;
using QuantumFlow.Inspection.Commands;

namespace QuantumFlow.Host.Inspection;

/// <summary>
/// What <c>quantumflow pbm [HOST:PORT] [PALETTE COMMAND [ARGS]]</c> asks for: the node, the command words (none: the
/// prompt), output form, token and patience. Pure, so the rules are tested without a node.
/// </summary>
public sealed record PbmArguments(InspectionEndpoint Endpoint, IReadOnlyList<string> Words, bool Json, string? Token, TimeSpan Timeout)
{
    /// <param name="words">the positional words as given: an optional endpoint first, then the command.</param>
    /// <param name="environment">QF_INSPECT_TOKEN and QF_INSPECT_PORT are read through it.</param>
    public static PbmArguments From(IReadOnlyList<string> words, bool json, string? token, double timeoutSeconds, Func<string, string?> environment)
    {
        InspectionEndpoint endpoint = InspectionEndpoint.Default(environment);
        var rest = words;
        // A first word that is HOST:PORT and not a palette names the node; "localhost:9111" never clashes with a palette.
        if (words.Count > 0 && CommandCatalog.FindPalette(words[0]) is null && InspectionEndpoint.TryParse(words[0], out InspectionEndpoint given))
        {
            endpoint = given;
            rest = words.Skip(1).ToList();
        }
        if (timeoutSeconds <= 0 || double.IsNaN(timeoutSeconds)) throw new CommandUsageException($"--timeout {timeoutSeconds} must be a positive number of seconds");
        string? t = string.IsNullOrEmpty(token) ? environment("QF_INSPECT_TOKEN") : token;
        return new PbmArguments(endpoint, rest, json, string.IsNullOrEmpty(t) ? null : t, TimeSpan.FromSeconds(timeoutSeconds));
    }

    public bool Interactive => Words.Count == 0;
}
