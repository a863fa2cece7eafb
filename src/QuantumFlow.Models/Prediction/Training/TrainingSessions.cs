using QuantumFlow.Models.Datasets;
using QuantumFlow.Models.Labels;
using QuantumFlow.Models.Recording;

namespace QuantumFlow.Models.Prediction.Training;

/// <summary>
/// Recordings to the labelled sessions models train on: every feature the feature table builds, per book, a session
/// being a file or consecutive days of one capture (<see cref="RecordingSessions"/>). Which of the features a model
/// takes is its own choice (<see cref="Features.ModelInputs"/>), bound by name through its scaler.
/// </summary>
public static class TrainingSessions
{
    public static List<SessionRows> Load(IReadOnlyList<string> paths, LabelOptions labels, Action<string>? progress = null)
    {
        var sessions = new List<SessionRows>();
        foreach (List<string> files in RecordingSessions.Group([.. paths]))
        {
            var collector = new SessionCollector(string.Join('+', files.Select(Path.GetFileName)));
            new FeatureTableBuilder(collector, labels: labels).Build([files]);
            foreach (SessionRows book in collector.Books)
            {
                if (book.Count > 0) sessions.Add(book);
                progress?.Invoke($"{book.Session} {book.Book}: {book.Count} rows");
            }
        }
        return sessions;
    }
}
