namespace QuantumFlow.Inspection.Protocol;

/// <summary>
/// One line of the inspection protocol: a JSON object with a <c>type</c>, UTF-8, ended by a newline (see
/// <see cref="FrameCodec"/>). <see cref="Id"/> ties a server's frames to the request they answer.
/// </summary>
public abstract record InspectionFrame(long Id);
