using System.Text;

namespace QuantumFlow.Models.Venues;

/// <summary>Turns a symbol's UTF-8 bytes into a string without allocating after its first appearance.</summary>
internal sealed class SymbolTable
{
    private readonly List<(byte[] Bytes, string Text)> _known = new();

    public string Get(ReadOnlySpan<byte> utf8)
    {
        foreach ((byte[] bytes, string text) in _known)
        {
            if (utf8.SequenceEqual(bytes)) return text;
        }
        string s = Encoding.UTF8.GetString(utf8);
        if (_known.Count < 4096) _known.Add((utf8.ToArray(), s));
        return s;
    }
}
