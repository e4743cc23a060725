namespace Microsoft.AspNetCore.Builder;

/// <summary>The admin REST API under <c>/admin/api/v1</c>.</summary>
internal static class AdminApiExtensions
{
    public static WebApplicationBuilder AddAdminApi(this WebApplicationBuilder builder)
    {
        builder.Services.AddProblemDetails();
        return builder;
    }

    public static WebApplication MapAdminApi(this WebApplication app) => app;
}
