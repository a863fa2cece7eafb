using System.Globalization;

namespace QuantumFlow.Inspection.Client;

/// <summary>Where a node's inspection host listens: <c>HOST:PORT</c> (<c>[::1]:9110</c> for IPv6).</summary>
public sealed record InspectionEndpoint(string Host, int Port)
{
    /// <summary>127.0.0.1 and QF_INSPECT_PORT (a node started with that variable is found without naming it), else 9110.</summary>
    public static InspectionEndpoint Default(Func<string, string?> environment) =>
        new("127.0.0.1", int.TryParse(environment("QF_INSPECT_PORT"), NumberStyles.None, CultureInfo.InvariantCulture, out int port) && port is > 0 and < 65536
            ? port : InspectionOptions.DefaultPort);

    public static bool TryParse(string text, out InspectionEndpoint endpoint)
    {
        endpoint = null!;
        int colon = text.LastIndexOf(':');
        if (colon <= 0 || colon == text.Length - 1) return false;
        string host = text[..colon];
        if (host.StartsWith('[') && host.EndsWith(']')) host = host[1..^1];
        else if (host.Contains(':')) return false; // a bare IPv6 address, or a book id such as binance-usdm:BTCUSDT with more colons
        if (host.Length == 0 || !int.TryParse(text[(colon + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out int port) || port is < 1 or > 65535) return false;
        endpoint = new InspectionEndpoint(host, port);
        return true;
    }

    public override string ToString() => Host.Contains(':') ? $"[{Host}]:{Port}" : $"{Host}:{Port}";
}
