namespace QuantumFlow.Models.Market;

/// <summary>An exact size: a count of 1e-8 units of the base asset (or contracts). Zero means "remove the level".</summary>
public readonly record struct Quantity(long Raw) : IComparable<Quantity>
{
    public static readonly Quantity Zero = new(0);

    public static Quantity Parse(string text) => new(FixedPoint.Parse(text));
    public static Quantity FromDecimal(decimal value) => new(FixedPoint.FromDecimal(value));

    public bool IsZero => Raw == 0;
    public decimal ToDecimal() => FixedPoint.ToDecimal(Raw);
    public double ToDouble() => FixedPoint.ToDouble(Raw);

    public int CompareTo(Quantity other) => Raw.CompareTo(other.Raw);
    public static Quantity operator +(Quantity a, Quantity b) => new(checked(a.Raw + b.Raw));
    public static Quantity operator -(Quantity a, Quantity b) => new(checked(a.Raw - b.Raw));
    public static bool operator <(Quantity a, Quantity b) => a.Raw < b.Raw;
    public static bool operator >(Quantity a, Quantity b) => a.Raw > b.Raw;
    public static bool operator <=(Quantity a, Quantity b) => a.Raw <= b.Raw;
    public static bool operator >=(Quantity a, Quantity b) => a.Raw >= b.Raw;

    public override string ToString() => FixedPoint.Format(Raw);
}
