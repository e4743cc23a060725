using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace ApiManager.Admin.Api;

/// <summary>Titles the admin API document and declares the bearer scheme every operation needs.</summary>
internal sealed class AdminApiDocumentTransformer : IOpenApiDocumentTransformer
{
    public const string SecuritySchemeName = "Bearer";

    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        document.Info = new OpenApiInfo
        {
            Title = "ApiManager admin API",
            Version = context.DocumentName,
            Description = "Automation twin of the admin console. Authenticate with an admin personal access token: 'Authorization: Bearer <token>'. "
                + "Errors are application/problem+json (RFC 9457); validation errors carry per-field 'errors'.",
        };
        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
        document.Components.SecuritySchemes[SecuritySchemeName] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http,
            Scheme = "bearer",
            Description = "An admin personal access token (amp_...) or the bootstrap token from Admin:ApiToken.",
        };
        document.Security ??= [];
        document.Security.Add(new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(SecuritySchemeName, document)] = [] });
        return Task.CompletedTask;
    }
}
