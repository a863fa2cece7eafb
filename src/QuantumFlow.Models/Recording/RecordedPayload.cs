namespace QuantumFlow.Models.Recording;

/// <summary>One recorded raw payload with its local receive time (Unix ns). Valid until the reader moves on.</summary>
public readonly ref struct RecordedPayload(PayloadKind kind, long receiveTimeNs, ReadOnlySpan<byte> data, string? symbol = null)
{
    public PayloadKind Kind { get; } = kind;
    public long ReceiveTimeNs { get; } = receiveTimeNs;
    public ReadOnlySpan<byte> Data { get; } = data;
    public string? Symbol { get; } = symbol;
}
