using System.Text.RegularExpressions;
using ApiManager.Gateway.Credentials.Runtime;
using ApiManager.Gateway.Plugins.Runtime;
using ApiManager.Gateway.Plugins.Transformers;
using ApiManager.Gateway.Runtime;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;
using Microsoft.Net.Http.Headers;

namespace ApiManager.Gateway.Plugins.Cors;

/// <summary>
/// A compiled cors plugin (Kong's semantics), run before authentication. A preflight (<c>OPTIONS</c> with
/// <c>Origin</c> and <c>Access-Control-Request-Method</c>) is answered by the gateway with 200 and the
/// <c>Access-Control-Allow-*</c> headers, unless <c>preflight_continue</c> passes it on untouched. Any other request
/// with an allowed <c>Origin</c> gets <c>Access-Control-Allow-Origin</c> (with <c>Vary: Origin</c> unless it is
/// <c>*</c>), <c>-Allow-Credentials</c> and <c>-Expose-Headers</c> on whatever answer it gets, the backend's or the
/// gateway's own. A disallowed origin gets no CORS headers (the browser then refuses the answer) and the request goes
/// on. Requests without <c>Origin</c> are not touched.
/// </summary>
internal sealed class CorsPlugin : GatewayPlugin
{
    private const string True = "true";

    private readonly CorsOptions _options;

    public CorsPlugin(int instanceId, CorsOptions options)
        : base(PluginType.Cors, instanceId)
    {
        _options = options;
    }

    public override bool RunsBeforeAuthentication => true;

    public override ValueTask<PluginVerdict> OnRequestAsync(HttpContext context, RouteInfo route, CallerFeature? caller)
    {
        ArgumentNullException.ThrowIfNull(context);
        var request = context.Request;
        var origin = request.Headers.Origin;
        if (origin.Count == 0)
        {
            return new(PluginVerdict.Continue);
        }

        var allowed = origin.Count == 1 && IsAllowed(origin[0]!) ? origin[0] : null;
        if (HttpMethods.IsOptions(request.Method) && request.Headers.ContainsKey(HeaderNames.AccessControlRequestMethod))
        {
            if (_options.PreflightContinue)
            {
                // Kong passes the preflight on and leaves the backend's answer alone.
                return new(PluginVerdict.Continue);
            }

            AnswerPreflight(context, allowed);
            return new(PluginVerdict.Answered);
        }

        ResponseHeaderStage.Of(context).UseCors(this, allowed);
        return new(PluginVerdict.Continue);
    }

    /// <summary>True when <paramref name="origin"/> may read the answers: <c>*</c>, an exact origin, or a regex match.</summary>
    public bool IsAllowed(string origin)
    {
        if (_options.AllowAll || _options.Origins.Contains(origin))
        {
            return true;
        }

        foreach (var pattern in _options.Patterns)
        {
            try
            {
                if (pattern.IsMatch(origin))
                {
                    return true;
                }
            }
            catch (RegexMatchTimeoutException)
            {
                // A pathological origin against a pathological pattern is simply not allowed.
            }
        }

        return false;
    }

    /// <summary>Sets the headers of an answer to a non-preflight request; <paramref name="origin"/> null = not allowed.</summary>
    internal void ApplyResponseHeaders(IHeaderDictionary headers, string? origin)
    {
        if (origin is null)
        {
            AddVary(headers, HeaderNames.Origin);
            return;
        }

        SetAllowOrigin(headers, origin);
        if (_options.ExposedHeaders.Count > 0)
        {
            headers.AccessControlExposeHeaders = _options.ExposedHeaders;
        }
    }

    private void AnswerPreflight(HttpContext context, string? origin)
    {
        var response = context.Response;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentLength = 0;
        var headers = response.Headers;
        if (origin is null)
        {
            AddVary(headers, HeaderNames.Origin);
            return;
        }

        SetAllowOrigin(headers, origin);
        if (_options.Headers.Count > 0)
        {
            headers.AccessControlAllowHeaders = _options.Headers;
        }
        else if (context.Request.Headers.AccessControlRequestHeaders is { Count: > 0 } requested)
        {
            headers.AccessControlAllowHeaders = requested;
        }

        headers.AccessControlAllowMethods = _options.Methods;
        if (_options.MaxAge.Count > 0)
        {
            headers.AccessControlMaxAge = _options.MaxAge;
        }
    }

    private void SetAllowOrigin(IHeaderDictionary headers, string origin)
    {
        if (_options.AllowAll && !_options.Credentials)
        {
            headers.AccessControlAllowOrigin = "*";
        }
        else
        {
            // With credentials a browser refuses "*", so Kong reflects the origin.
            headers.AccessControlAllowOrigin = origin;
            AddVary(headers, HeaderNames.Origin);
        }

        if (_options.Credentials)
        {
            headers.AccessControlAllowCredentials = True;
        }
    }

    /// <summary>Adds <paramref name="token"/> to <c>Vary</c> unless it is already listed.</summary>
    private static void AddVary(IHeaderDictionary headers, string token)
    {
        var vary = headers.Vary;
        foreach (var value in vary)
        {
            var text = value.AsSpan();
            foreach (var range in text.Split(','))
            {
                var name = text[range].Trim();
                if (name.SequenceEqual("*") || name.Equals(token, StringComparison.OrdinalIgnoreCase))
                {
                    return;
                }
            }
        }

        headers.Vary = StringValues.Concat(vary, token);
    }
}
