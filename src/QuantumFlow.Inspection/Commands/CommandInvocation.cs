using System.Globalization;

namespace QuantumFlow.Inspection.Commands;

/// <summary>A parsed command: its spec and the value of every switch and argument given or defaulted, by key.</summary>
public sealed record CommandInvocation(CommandSpec Spec, IReadOnlyDictionary<string, string> Values)
{
    public string? Get(string key) => Values.TryGetValue(key, out string? v) ? v : null;

    public string Require(string key) => Get(key) ?? throw new CommandUsageException($"{Spec.FullName}: {key} is required");

    /// <exception cref="CommandUsageException">the value is not a whole number within the bounds.</exception>
    public int GetInt(string key, int min, int max)
    {
        string text = Require(key);
        if (!int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out int value) || value < min || value > max)
            throw new CommandUsageException($"{Spec.FullName}: {key} '{text}' must be a whole number from {min} to {max}");
        return value;
    }
}
