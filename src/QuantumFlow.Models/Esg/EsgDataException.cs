namespace QuantumFlow.Models.Esg;

/// <summary>Input rejected as a whole (nothing is half-loaded); <see cref="Errors"/> lists every problem found.</summary>
public sealed class EsgDataException : Exception
{
    public EsgDataException(IReadOnlyList<EsgDataError> errors)
        : base(errors.Count == 1 ? errors[0].ToString() : $"{errors.Count} problems:{Environment.NewLine}  " + string.Join(Environment.NewLine + "  ", errors))
    {
        Errors = errors;
    }

    public EsgDataException(string source, string row, string field, string message) : this([new EsgDataError(source, row, field, message)])
    {
    }

    public IReadOnlyList<EsgDataError> Errors { get; }
}
