namespace QuantumFlow.Models.Recording;

public enum PayloadKind : byte
{
    /// <summary>A message received on the venue's stream.</summary>
    Message,
    /// <summary>A REST depth snapshot response; <see cref="RecordedPayload.Symbol"/> says which symbol it was asked for.</summary>
    RestSnapshot,
    /// <summary>A (re)connection: the venue's per-connection state starts afresh.</summary>
    Connected,
}
