namespace QuantumFlow.Models.Recording;

public enum BadLinePolicy : byte
{
    /// <summary>Stop at the first bad line with an error that names it.</summary>
    Stop,
    /// <summary>Count bad lines and go on; the books stay exactly as before each bad line.</summary>
    Skip,
}
