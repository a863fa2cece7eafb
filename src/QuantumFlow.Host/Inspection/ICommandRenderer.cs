using QuantumFlow.Inspection.Protocol;

namespace QuantumFlow.Host.Inspection;

/// <summary>Shows a command's frames to the operator: tables for people (<see cref="TableRenderer"/>) or JSON for scripts (<see cref="JsonRenderer"/>).</summary>
public interface ICommandRenderer
{
    void Frame(InspectionFrame frame);

    /// <summary>After the last frame: the outcome (a summary for JSON; the error, if any, for people).</summary>
    void End(string command, string node, EndFrame end);
}
