namespace QuantumFlow.Models.Prediction.Neural.Checkpoints;

/// <summary>
/// A network's parameters by name (torch's state_dict), read from a .weights file or copied from a live torch module.
/// <see cref="Take"/> checks each shape, and <see cref="Untaken"/> says what a layout never asked for, so weights of
/// another architecture or size are refused by name instead of being read as garbage.
/// </summary>
public sealed class StateDict
{
    private readonly Dictionary<string, StoredTensor> _tensors = new(StringComparer.Ordinal);
    private readonly HashSet<string> _taken = new(StringComparer.Ordinal);

    /// <param name="source">Where the tensors came from (a file name), for messages.</param>
    public StateDict(string source) => Source = source;

    public string Source { get; }
    public int Count => _tensors.Count;
    public IEnumerable<string> Names => _tensors.Keys;

    public void Add(StoredTensor tensor)
    {
        int elements = 1;
        foreach (int d in tensor.Shape) elements = checked(elements * d);
        if (elements != tensor.Values.Length)
            throw new InvalidDataException($"{Source}: tensor '{tensor.Name}' has shape {tensor.ShapeText} but {tensor.Values.Length} values");
        if (!_tensors.TryAdd(tensor.Name, tensor)) throw new InvalidDataException($"{Source}: tensor '{tensor.Name}' appears twice");
    }

    public bool Contains(string name) => _tensors.ContainsKey(name);

    public StoredTensor this[string name] => _tensors.TryGetValue(name, out StoredTensor? t) ? t
        : throw new InvalidDataException($"{Source}: no tensor '{name}'");

    /// <summary>The values of <paramref name="name"/>, which must have exactly <paramref name="shape"/>.</summary>
    /// <exception cref="InvalidDataException">missing or shaped otherwise: the file and the tensor named</exception>
    public float[] Take(string name, params int[] shape)
    {
        if (!_tensors.TryGetValue(name, out StoredTensor? t))
            throw new InvalidDataException($"{Source}: no tensor '{name}' (it has: {string.Join(", ", _tensors.Keys.Order(StringComparer.Ordinal))})");
        if (!t.Shape.AsSpan().SequenceEqual(shape))
            throw new InvalidDataException($"{Source}: tensor '{name}' is {t.ShapeText}, the checkpoint's shape needs [{string.Join(", ", shape)}]");
        _taken.Add(name);
        return t.Values;
    }

    /// <summary>Marks a tensor as known but not read (a buffer the reader recomputes).</summary>
    public void Skip(string name) => _taken.Add(name);

    /// <summary>Tensors nothing took or skipped, in name order.</summary>
    public IReadOnlyList<string> Untaken() => [.. _tensors.Keys.Where(n => !_taken.Contains(n)).Order(StringComparer.Ordinal)];
}
