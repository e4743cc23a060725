using ApiManager.Gateway.Apis.Testing;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ApiManager.Admin.Api;

/// <summary><c>POST /admin/api/v1/api-test</c>: sends a test call of an API operation through the gateway (Administrator or Operator).</summary>
internal static class ApiTestApi
{
    public static RouteGroupBuilder MapApiTestApi(this RouteGroupBuilder api)
    {
        api.MapPost("/api-test", SendAsync).WithTags("APIs").WithName("SendApiTest")
            .WithSummary("Sends a test call through the gateway from the server and returns status, headers, body, time and the pipeline trace.")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);
        return api;
    }

    internal static async Task<Ok<ApiTestResult>> SendAsync(ApiTestRequest request, ApiTestService service, CancellationToken cancellationToken) =>
        TypedResults.Ok(await service.SendAsync(request, cancellationToken));
}
