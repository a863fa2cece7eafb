using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Logging;

namespace QuantumFlow.Host.Web.Api;

/// <summary>
/// Turns exceptions into RFC 7807 problem details: a body the framework could not read (malformed JSON, wrong types)
/// is the caller's 400 with the parser's message, which names the path and position; anything else is a 500 without
/// internals.
/// </summary>
public sealed class ProblemExceptionHandler(IProblemDetailsService problems, ILogger<ProblemExceptionHandler> log) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext http, Exception exception, CancellationToken cancel)
    {
        (int status, string title, string detail) = exception switch
        {
            BadHttpRequestException { InnerException: JsonException json } => (400, "Malformed JSON", json.Message),
            BadHttpRequestException bad => (bad.StatusCode, "Bad request", bad.Message),
            JsonException json => (400, "Malformed JSON", json.Message),
            OperationCanceledException when http.RequestAborted.IsCancellationRequested => (499, "Client closed request", "the client went away"),
            _ => (500, "Internal error", "the request failed on the server; its log has the details"),
        };
        if (status >= 500) log.LogError(exception, "{Method} {Path} failed", http.Request.Method, http.Request.Path);
        http.Response.StatusCode = status;
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = http,
            Exception = exception,
            ProblemDetails = new ProblemDetails { Status = status, Title = title, Detail = detail },
        });
    }
}
