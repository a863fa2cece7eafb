namespace QuantumFlow.Inspection.Protocol;

/// <summary>Exit codes of inspection commands; <c>quantumflow pbm</c> exits with them.</summary>
public static class ExitCodes
{
    public const int Ok = 0;
    /// <summary>The command ran and failed, or what it asks for does not exist yet.</summary>
    public const int Failed = 1;
    /// <summary>Unknown palette, command or switch, or a bad value.</summary>
    public const int Usage = 2;
    /// <summary>A command that changes the cluster without the right token.</summary>
    public const int Unauthorized = 3;
    /// <summary>No inspection host answered at the address, or it spoke another protocol.</summary>
    public const int Unreachable = 4;
}
