using System.Collections.Immutable;
using System.Globalization;

namespace QuantumFlow.Models.Prediction.Training;

/// <summary>The notes training leaves in a checkpoint that the product reads back.</summary>
public static class TrainingNotes
{
    /// <summary>The calibrated log-loss on the validation part (never fit on).</summary>
    public const string ValidationLoss = "validation_loss";

    /// <summary>The noted validation log-loss, or null when it is absent or not a positive finite number.</summary>
    public static double? ValidationLogLoss(ImmutableDictionary<string, string> notes) =>
        notes.TryGetValue(ValidationLoss, out string? text)
        && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double loss) && double.IsFinite(loss) && loss > 0
            ? loss
            : null;
}
