namespace QuantumFlow.Inspection.Protocol;

/// <summary>Server to client, first on every connection: the protocol version and the node the client reached.</summary>
public sealed record HelloFrame(int Protocol, string Node, string Version) : InspectionFrame(0)
{
    public const int CurrentProtocol = 1;
}
