namespace QuantumFlow.Models.Torch.Training;

/// <summary>One epoch: losses, validation accuracy, the learning rate used, and whether it is the best so far.</summary>
public sealed record EpochReport(int Epoch, double TrainLoss, double ValidationLoss, double ValidationAccuracy, double LearningRate, bool Best);
