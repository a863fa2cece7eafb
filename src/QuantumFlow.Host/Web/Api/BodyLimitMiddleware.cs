using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace QuantumFlow.Host.Web.Api;

/// <summary>
/// Enforces an endpoint's <see cref="BodyLimit"/> while the body arrives, before any parsing: a declared
/// Content-Length over the limit is answered 413 without reading a byte; an undeclared (chunked) body is read up to
/// one byte past the limit and no further. What passes is handed on from memory, so the JSON parser never waits on a
/// slow client; the read runs under the request timeout (it comes after the timeout middleware), so a trickled body
/// ends in 504 at the documented timeout instead of holding the request open.
/// </summary>
public sealed class BodyLimitMiddleware(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext http, IProblemDetailsService problems)
    {
        if (http.GetEndpoint()?.Metadata.GetMetadata<BodyLimit>() is not { } limit || !HasBody(http.Request))
        {
            await next(http);
            return;
        }
        if (http.Request.ContentLength > limit.Bytes)
        {
            await TooLarge(http, problems, limit, $"the body declares {http.Request.ContentLength} bytes");
            return;
        }
        var buffer = new MemoryStream();
        byte[] chunk = new byte[16 * 1024];
        int read;
        while ((read = await http.Request.Body.ReadAsync(chunk, http.RequestAborted)) > 0)
        {
            if (buffer.Length + read > limit.Bytes)
            {
                await TooLarge(http, problems, limit, "the body ran past it");
                return;
            }
            buffer.Write(chunk, 0, read);
        }
        buffer.Position = 0;
        http.Request.Body = buffer;
        http.Request.ContentLength = buffer.Length;
        await next(http);
    }

    private static bool HasBody(HttpRequest request) => request.ContentLength is > 0 || request.Headers.TransferEncoding.Count > 0;

    private static async Task TooLarge(HttpContext http, IProblemDetailsService problems, BodyLimit limit, string why)
    {
        http.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
        // The rest of the body is not wanted: closing keeps the client from uploading it for nothing.
        http.Response.Headers.Connection = "close";
        await problems.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = http,
            ProblemDetails = new ProblemDetails
            {
                Status = StatusCodes.Status413PayloadTooLarge,
                Title = "Request body too large",
                Detail = $"{http.Request.Method} {http.Request.Path} takes at most {limit.Bytes} bytes; {why}",
            },
        });
    }
}
