namespace QuantumFlow.Models.Features.Queue;

/// <summary>What an inferred change of the best level was.</summary>
internal enum QueueEventKind : byte
{
    /// <summary>Size arrived: the level grew, or a better level appeared.</summary>
    New = 0,
    /// <summary>Size left without trading.</summary>
    Cancel = 1,
    /// <summary>Size left by trading, matched from the trade stream.</summary>
    Execute = 2,
}
