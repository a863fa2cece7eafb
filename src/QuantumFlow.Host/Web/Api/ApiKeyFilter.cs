using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;

namespace QuantumFlow.Host.Web.Api;

/// <summary>
/// Guards mutating and admin endpoints: header <c>X-Api-Key</c> must equal <see cref="WebOptions.ApiKey"/>. Missing:
/// 401; wrong, or no key configured on the host (admin is off): 403. Compared in constant time.
/// </summary>
public sealed class ApiKeyFilter(WebOptions options) : IEndpointFilter
{
    public const string Header = "X-Api-Key";

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        if (!context.HttpContext.Request.Headers.TryGetValue(Header, out var given) || string.IsNullOrEmpty(given))
        {
            context.HttpContext.Response.Headers.WWWAuthenticate = Header;
            return Results.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "API key required",
                detail: $"this endpoint changes state: send the key in the {Header} header");
        }
        if (string.IsNullOrEmpty(options.ApiKey))
            return Results.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Admin endpoints are off",
                detail: $"this host has no API key configured ({WebOptions.Section}:ApiKey), so nothing may change its state");
        if (!CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(given.ToString()), Encoding.UTF8.GetBytes(options.ApiKey)))
            return Results.Problem(statusCode: StatusCodes.Status403Forbidden, title: "API key refused", detail: $"the {Header} header does not match this host's key");
        return await next(context);
    }
}
