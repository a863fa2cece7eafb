using System.Collections.Immutable;
using QuantumFlow.Models.Labels;

namespace QuantumFlow.Models.Prediction.Training;

/// <summary>
/// The feature rows of one book in one recorded session, in time order, with their labels (null where the horizon
/// ran past the end). Examples never span two sessions: a window across a gap would mix unrelated books.
/// </summary>
public sealed class SessionRows(string session, string book, ImmutableArray<string> names)
{
    public string Session { get; } = session;
    public string Book { get; } = book;
    public ImmutableArray<string> Names { get; } = names;
    public List<double[]> Rows { get; } = [];
    public List<LabelClass?> Labels { get; } = [];
    public List<long> TimesNs { get; } = [];
    public int Count => Rows.Count;
}
