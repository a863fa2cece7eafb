// ModelOutput lives in QuantumFlow.Models.Prediction, so the web host's outcome tracking can keep it without Akka.
// The journal serializer names it without that namespace; this alias keeps it compiling until it imports the
// namespace itself (Persistence/ is being changed on another branch).
global using ModelOutput = QuantumFlow.Models.Prediction.ModelOutput;
