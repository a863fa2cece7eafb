namespace QuantumFlow.Models.Market;

/// <summary>An exact price: a count of 1e-8 units of the quote currency.</summary>
public readonly record struct Price(long Raw) : IComparable<Price>
{
    public static readonly Price Zero = new(0);

    public static Price Parse(string text) => new(FixedPoint.Parse(text));
    public static Price FromDecimal(decimal value) => new(FixedPoint.FromDecimal(value));

    public decimal ToDecimal() => FixedPoint.ToDecimal(Raw);
    public double ToDouble() => FixedPoint.ToDouble(Raw);

    public int CompareTo(Price other) => Raw.CompareTo(other.Raw);
    public static bool operator <(Price a, Price b) => a.Raw < b.Raw;
    public static bool operator >(Price a, Price b) => a.Raw > b.Raw;
    public static bool operator <=(Price a, Price b) => a.Raw <= b.Raw;
    public static bool operator >=(Price a, Price b) => a.Raw >= b.Raw;

    public override string ToString() => FixedPoint.Format(Raw);
}
