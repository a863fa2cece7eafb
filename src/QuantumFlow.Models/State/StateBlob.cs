using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace QuantumFlow.Models.State;

/// <summary>
/// One component's saved state as bytes: its kind, a fingerprint of the configuration it was built from, then what
/// the component wrote. A state from another configuration (other models, features, labels or ensemble options) is
/// refused by the fingerprint before anything is loaded: restoring it would not give the predictions of an
/// uninterrupted run, and starting fresh is the honest answer.
/// </summary>
public static class StateBlob
{
    public static byte[] Write(string kind, string fingerprint, Action<StateWriter> save)
    {
        using var stream = new MemoryStream(4096);
        var w = new StateWriter(stream);
        w.Begin(kind);
        w.Write(fingerprint);
        save(w);
        w.Flush();
        return stream.ToArray();
    }

    /// <summary>
    /// Loads <paramref name="bytes"/> with <paramref name="load"/>; null when it did, else why not. After a refusal
    /// the component may be half-loaded: the caller makes it new again.
    /// </summary>
    public static string? Read(byte[] bytes, string kind, string fingerprint, Action<StateReader> load)
    {
        var r = new StateReader(new MemoryStream(bytes, writable: false));
        try
        {
            r.Begin(kind);
            if (r.ReadString() != fingerprint)
                return "it was saved by another configuration (models, features, labels or ensemble options changed)";
            load(r);
            return r.AtEnd ? null : "it holds more than this configuration reads";
        }
        catch (InvalidDataException e)
        {
            return e.Message;
        }
    }

    /// <summary>A short hash of the configuration's parts as JSON (records, options, names).</summary>
    public static string Fingerprint(params object?[] parts)
    {
        var text = new StringBuilder();
        foreach (object? part in parts) text.Append(JsonSerializer.Serialize(part)).Append('\n');
        return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())), 0, 16);
    }
}
