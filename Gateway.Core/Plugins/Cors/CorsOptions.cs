using System.Collections.Frozen;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Primitives;

namespace ApiManager.Gateway.Plugins.Cors;

/// <summary>A cors plugin's compiled settings.</summary>
/// <param name="AllowAll">Origins unset, empty or containing <c>*</c>.</param>
/// <param name="Origins">Exact origins, normalized (lower-case scheme and host, no default port).</param>
/// <param name="Patterns">Regex origins, anchored, with a match timeout.</param>
/// <param name="Methods">The <c>Access-Control-Allow-Methods</c> value.</param>
/// <param name="Headers">The <c>Access-Control-Allow-Headers</c> value; empty = echo the request's.</param>
/// <param name="ExposedHeaders">The <c>Access-Control-Expose-Headers</c> value; empty = none.</param>
/// <param name="Credentials">Send <c>Access-Control-Allow-Credentials: true</c>.</param>
/// <param name="MaxAge">The <c>Access-Control-Max-Age</c> value; empty = none.</param>
/// <param name="PreflightContinue">Pass preflights on to the next stage instead of answering them.</param>
internal sealed record CorsOptions(
    bool AllowAll,
    FrozenSet<string> Origins,
    Regex[] Patterns,
    StringValues Methods,
    StringValues Headers,
    StringValues ExposedHeaders,
    bool Credentials,
    StringValues MaxAge,
    bool PreflightContinue);
