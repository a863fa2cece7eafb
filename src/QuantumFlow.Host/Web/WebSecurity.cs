using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace QuantumFlow.Host.Web;

/// <summary>
/// Security headers (NetEscapades.AspNetCore.SecurityHeaders) and the CORS policy. The dashboard and the ESG page load
/// only their own scripts and styles, so their CSP allows nothing else; the one allowance is inline style attributes,
/// which the dashboard's depth bars and probability bars are drawn with. The Scalar reference page initialises from an
/// inline script and styles itself inline, so it alone gets a policy that permits those.
/// </summary>
public static class WebSecurity
{
    /// <summary>The security-headers policy of the Scalar API reference page.</summary>
    public const string ScalarPolicy = "scalar";

    public static IServiceCollection AddWebSecurity(this IServiceCollection services, WebOptions web)
    {
        services.AddSecurityHeaderPolicies(b =>
        {
            b.SetDefaultPolicy(p => p.AddDefaultSecurityHeaders().AddContentSecurityPolicy(csp =>
            {
                Common(csp);
                csp.AddScriptSrc().Self();
                csp.AddStyleSrc().Self();
                csp.AddStyleSrcAttr().UnsafeInline();
            }));
            b.AddPolicy(ScalarPolicy, p => p.AddDefaultSecurityHeaders().AddContentSecurityPolicy(csp =>
            {
                Common(csp);
                csp.AddScriptSrc().Self().UnsafeInline();
                csp.AddStyleSrc().Self().UnsafeInline();
                csp.AddWorkerSrc().Self().Blob();
            }));
        });
        services.AddCors(o => o.AddDefaultPolicy(p =>
        {
            // No origins configured: no CORS headers at all, so browsers keep pages of other origins out (same origin).
            if (web.AllowedOrigins.Count > 0) p.WithOrigins([.. web.AllowedOrigins]).AllowAnyHeader().AllowAnyMethod().AllowCredentials();
        }));
        return services;
    }

    private static void Common(CspBuilder csp)
    {
        csp.AddDefaultSrc().Self();
        csp.AddImgSrc().Self().Data().Blob();
        csp.AddFontSrc().Self().Data();
        // 'self' covers the hub's WebSocket on the same host and port (CSP level 3).
        csp.AddConnectSrc().Self();
        csp.AddObjectSrc().None();
        csp.AddBaseUri().Self();
        csp.AddFormAction().Self();
        csp.AddFrameAncestors().None();
    }
}
