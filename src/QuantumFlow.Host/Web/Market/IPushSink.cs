namespace QuantumFlow.Host.Web.Market;

/// <summary>Where market updates go for clients: (symbol, kind) keyed, the latest value replacing an unsent one.</summary>
public interface IPushSink
{
    void Offer(string symbol, string kind, object payload);
}
