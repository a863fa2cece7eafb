namespace QuantumFlow.Actors.Inspection.Handlers;

/// <summary>The last N items, oldest dropped first. Not thread-safe: its owner (the log buffer actor) serializes access.</summary>
public sealed class LogRing<T>(int capacity)
{
    private readonly T[] _items = new T[capacity > 0 ? capacity : throw new ArgumentOutOfRangeException(nameof(capacity))];
    private int _next;
    private int _count;

    public int Count => _count;

    public void Add(T item)
    {
        _items[_next] = item;
        _next = (_next + 1) % _items.Length;
        if (_count < _items.Length) _count++;
    }

    /// <summary>The most recent <paramref name="n"/> items, oldest first.</summary>
    public IReadOnlyList<T> Last(int n)
    {
        n = Math.Clamp(n, 0, _count);
        var result = new T[n];
        for (int i = 0; i < n; i++) result[i] = _items[(_next - n + i + _items.Length) % _items.Length];
        return result;
    }
}
