using System.Text.Json;
using System.Text.Json.Serialization;
using ApiManager.Admin.Account;
using ApiManager.Admin.Api;
using ApiManager.Gateway.Hosting;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.AspNetCore.WebUtilities;

namespace Microsoft.AspNetCore.Builder;

/// <summary>The admin REST API under <c>/admin/api/v1</c>, on the console listener, authenticated by bearer tokens.</summary>
internal static class AdminApiExtensions
{
    /// <summary>Every API path starts with this.</summary>
    public const string Prefix = "/admin/api/v1";

    /// <summary>OpenAPI document (and endpoint group) name.</summary>
    public const string DocumentName = "v1";

    private const string Root = "/admin/api";

    public static WebApplicationBuilder AddAdminApi(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddProblemDetails();
        services.AddExceptionHandler<AdminApiExceptionHandler>();

        // Unreadable bodies and query values throw instead of answering a bare 400, so the API's exception handler can
        // explain them in a problem body.
        services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        services.Configure<JsonOptions>(o =>
        {
            // Numbers must be numbers: "port": "80" is a wrong type, not a port.
            o.SerializerOptions.NumberHandling = JsonNumberHandling.Strict;
            o.SerializerOptions.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase, allowIntegerValues: false));
        });

        services.AddAuthentication().AddScheme<AuthenticationSchemeOptions, AdminTokenAuthenticationHandler>(AdminTokenDefaults.AuthenticationScheme, null);
        services.AddAuthorizationBuilder()
            .AddPolicy(AdminApiPolicies.Read, p => p.AddAuthenticationSchemes(AdminTokenDefaults.AuthenticationScheme)
                .RequireAuthenticatedUser().RequireRole(AdminRoles.Administrator, AdminRoles.Operator))
            .AddPolicy(AdminApiPolicies.Write, p => p.AddAuthenticationSchemes(AdminTokenDefaults.AuthenticationScheme)
                .RequireAuthenticatedUser().RequireRole(AdminRoles.Administrator));

        services.AddOpenApi(DocumentName, o =>
        {
            o.ShouldInclude = d => d.GroupName == DocumentName;
            o.AddDocumentTransformer<AdminApiDocumentTransformer>();
        });
        return builder;
    }

    public static WebApplication MapAdminApi(this WebApplication app)
    {
        // Scoped to the API: the rest of the app keeps its own error handling and status pages.
        app.UseWhen(IsAdminApiRequest, branch =>
        {
            branch.UseExceptionHandler();
            branch.Use(WriteProblemForEmptyErrorAsync);
        });

        var api = app.MapGroup(Prefix)
            .WithMetadata(ListenerMetadata.Console)
            .WithGroupName(DocumentName)
            .RequireAuthorization(AdminApiPolicies.Read)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden);
        api.MapBackendsApi();
        api.MapApisApi();
        api.MapApiRegistryApi();
        api.MapSecurityLevelsApi();
        api.MapGroupsApi();
        api.MapScopesApi();
        api.MapAuditApi();
        api.MapTokensApi();
        api.MapClientsApi();
        api.MapApiUsersApi();
        api.MapXApiKeysApi();
        api.MapSignedKeysApi();
        api.MapAuthenticationPluginsApi();
        api.MapOAuthApi();
        api.MapPluginsApi();
        api.MapQuotaApi();
        api.MapProxyCacheApi();
        api.MapCallsApi();
        api.MapUpstreamsApi();
        api.MapApiDiversionsApi();
        api.MapApiTestApi();

        app.MapOpenApi(Root + "/{documentName}/openapi.json").WithMetadata(ListenerMetadata.Console).AllowAnonymous();
        return app;
    }

    /// <summary>
    /// Routing answers unknown paths (404), wrong methods (405) and wrong content types (415) with an empty body; the
    /// API answers every error as problem+json instead.
    /// </summary>
    private static async Task WriteProblemForEmptyErrorAsync(HttpContext context, RequestDelegate next)
    {
        await next(context);
        var response = context.Response;
        if (response.HasStarted || response.StatusCode < 400 || response.ContentLength is not null || !string.IsNullOrEmpty(response.ContentType))
        {
            return;
        }

        var request = context.Request;
        var detail = response.StatusCode switch
        {
            StatusCodes.Status404NotFound => $"No admin API endpoint matches {request.Method} {request.Path}.",
            StatusCodes.Status405MethodNotAllowed => $"{request.Method} is not allowed on {request.Path}.",
            StatusCodes.Status415UnsupportedMediaType => "Send the request body as application/json.",
            _ => null,
        };
        await AdminApiProblems.WriteAsync(context, response.StatusCode, ReasonPhrases.GetReasonPhrase(response.StatusCode), detail);
    }

    /// <summary>True for console-listener requests under <c>/admin/api</c> (the gateway may proxy such paths untouched).</summary>
    public static bool IsAdminApiRequest(HttpContext context) =>
        context.Request.Path.StartsWithSegments(Root, StringComparison.OrdinalIgnoreCase) && ListenerMatcherPolicy.ListenerOf(context) == ListenerKind.Console;
}
