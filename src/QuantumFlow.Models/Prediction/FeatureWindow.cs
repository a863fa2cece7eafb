using System.Collections.Immutable;
using QuantumFlow.Models.State;

namespace QuantumFlow.Models.Prediction;

/// <summary>
/// The last <see cref="Capacity"/> feature rows of one book, oldest first: what every model reads. A ring buffer,
/// written in place by <see cref="Push"/>, so keeping it allocates nothing; <see cref="Copy"/> for another thread.
/// </summary>
public sealed class FeatureWindow
{
    private readonly double[] _data;
    private int _next;

    public FeatureWindow(ImmutableArray<string> featureNames, int capacity)
    {
        if (capacity < 1) throw new ArgumentOutOfRangeException(nameof(capacity), "a window holds at least one row");
        if (featureNames.IsDefaultOrEmpty) throw new ArgumentException("a window needs at least one feature", nameof(featureNames));
        FeatureNames = featureNames;
        Capacity = capacity;
        _data = new double[capacity * featureNames.Length];
    }

    public ImmutableArray<string> FeatureNames { get; }
    public int FeatureCount => FeatureNames.Length;
    public int Capacity { get; }

    /// <summary>Rows held, up to <see cref="Capacity"/>.</summary>
    public int Count { get; private set; }

    public bool IsFull => Count == Capacity;

    public void Push(ReadOnlySpan<double> row)
    {
        if (row.Length != FeatureCount) throw new ArgumentException($"a row of {row.Length} values for {FeatureCount} features", nameof(row));
        row.CopyTo(_data.AsSpan(_next * FeatureCount, FeatureCount));
        _next = (_next + 1) % Capacity;
        if (Count < Capacity) Count++;
    }

    /// <summary>Row <paramref name="age"/> counted from the newest (0 = latest).</summary>
    public ReadOnlySpan<double> Recent(int age)
    {
        if ((uint)age >= (uint)Count) throw new ArgumentOutOfRangeException(nameof(age));
        int slot = ((_next - 1 - age) % Capacity + Capacity) % Capacity;
        return _data.AsSpan(slot * FeatureCount, FeatureCount);
    }

    public ReadOnlySpan<double> Latest => Recent(0);

    /// <summary>
    /// The last <paramref name="length"/> rows, oldest first, into <paramref name="destination"/> (length x features,
    /// row-major); when fewer rows are held the oldest one is repeated in front, so a model can answer from the start.
    /// </summary>
    public void CopyLast(int length, Span<double> destination)
    {
        if (Count == 0) throw new InvalidOperationException("the window is empty");
        int f = FeatureCount;
        if (destination.Length < length * f) throw new ArgumentException("destination too small", nameof(destination));
        for (int i = 0; i < length; i++)
        {
            int age = Math.Min(length - 1 - i, Count - 1);
            Recent(age).CopyTo(destination.Slice(i * f, f));
        }
    }

    public void Save(StateWriter w)
    {
        w.Write(Count);
        w.Write(_next);
        w.Write(_data);
    }

    public void Load(StateReader r)
    {
        int count = r.ReadInt32(), next = r.ReadInt32();
        if ((uint)count > (uint)Capacity || (uint)next >= (uint)Capacity)
            throw new InvalidDataException($"predictor state: a window of {count} rows (next {next}) where this one holds {Capacity}");
        r.ReadInto(_data);
        Count = count;
        _next = next;
    }

    public void Clear()
    {
        Count = 0;
        _next = 0;
    }

    public FeatureWindow Copy()
    {
        var copy = new FeatureWindow(FeatureNames, Capacity);
        _data.CopyTo(copy._data, 0);
        copy._next = _next;
        copy.Count = Count;
        return copy;
    }
}
