namespace QuantumFlow.Host.Inspection;

/// <summary>What a key did to the line being edited.</summary>
public enum EditResult
{
    /// <summary>The line changed (or not): redraw and read the next key.</summary>
    Continue,
    /// <summary>Enter: the line is complete.</summary>
    Submit,
    /// <summary>Ctrl+C: the line is dropped, the prompt starts again.</summary>
    Cancel,
    /// <summary>Ctrl+D on an empty line: leave the prompt.</summary>
    Exit,
    /// <summary>Tab with several ways on: show <see cref="LineEditor.Candidates"/> under the line.</summary>
    ShowCandidates,
}
