using System.Globalization;

namespace QuantumFlow.Models.Esg;

/// <summary>
/// One input record (a CSV line or a JSON array entry) as raw text per field, with where it came from; the typed
/// readers add an <see cref="EsgDataError"/> naming the row and field for every missing or bad value.
/// </summary>
internal sealed record EsgRow(string Source, string Label, IReadOnlyDictionary<string, string?> Values)
{
    public EsgDataError Error(string field, string message) => new(Source, Label, field, message);

    public string? Text(string field, List<EsgDataError> errors, bool required = true)
    {
        string? value = Values.GetValueOrDefault(field);
        if (value is null && required) errors.Add(Error(field, "missing value"));
        return value;
    }

    /// <summary>A finite number in [0, max]: negatives, text and values above max are errors.</summary>
    public double Number(string field, List<EsgDataError> errors, double max = double.MaxValue)
    {
        string? raw = Text(field, errors);
        if (raw is null) return 0;
        if (!double.TryParse(raw, NumberStyles.Float, CultureInfo.InvariantCulture, out double value) || !double.IsFinite(value))
            errors.Add(Error(field, $"'{raw}' is not a number"));
        else if (value < 0)
            errors.Add(Error(field, $"{raw} is negative; must be 0 or more"));
        else if (value > max)
            errors.Add(Error(field, $"{raw} is out of range; must be between 0 and {max.ToString(CultureInfo.InvariantCulture)}"));
        else
            return value;
        return 0;
    }

    public int Count(string field, List<EsgDataError> errors)
    {
        double value = Number(field, errors, int.MaxValue);
        if (value != Math.Floor(value))
        {
            errors.Add(Error(field, $"{value.ToString(CultureInfo.InvariantCulture)} is not a whole number"));
            return 0;
        }
        return (int)value;
    }

    public void RejectUnknown(IReadOnlyCollection<string> known, List<EsgDataError> errors)
    {
        foreach (string field in Values.Keys.Where(k => !known.Contains(k, StringComparer.OrdinalIgnoreCase)))
            errors.Add(Error(field, $"unknown field; expected one of: {string.Join(", ", known)}"));
    }
}
