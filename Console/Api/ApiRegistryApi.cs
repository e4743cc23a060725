using System.Security.Claims;
using System.Text;
using System.Text.Json;
using ApiManager.Admin.Api.Contracts;
using ApiManager.Gateway.Apis;
using ApiManager.Gateway.Apis.OpenApi;
using ApiManager.Gateway.Backends;
using ApiManager.Gateway.Common;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;

namespace ApiManager.Admin.Api;

/// <summary>
/// <c>/admin/api/v1/apis</c> registry actions: batch status, and OpenAPI preview and import (JSON body with
/// <c>content</c> or <c>url</c>, or a multipart form with a <c>file</c>).
/// </summary>
internal static class ApiRegistryApi
{
    public static RouteGroupBuilder MapApiRegistryApi(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/apis").WithTags("APIs");
        group.MapPost("/batch-status", BatchStatusAsync).WithName("SetApisStatus")
            .WithSummary("Sets the status of several APIs in one change; an unknown id answers 404 and changes nothing.")
            .RequireAuthorization(AdminApiPolicies.Write).ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);
        group.MapPost("/openapi/preview", PreviewAsync).WithName("PreviewOpenApiImport")
            .WithSummary("Reads an OpenAPI document (content, url or multipart file) and lists its operations and the target API.")
            .Accepts<OpenApiImportRequest>("application/json", "multipart/form-data")
            .RequireAuthorization(AdminApiPolicies.Write).ProducesValidationProblem();
        group.MapPost("/openapi/import", ImportAsync).WithName("ImportOpenApi")
            .WithSummary("Creates (201) or updates (200) the API an OpenAPI document describes and stores the document.")
            .Accepts<OpenApiImportRequest>("application/json", "multipart/form-data")
            .RequireAuthorization(AdminApiPolicies.Write).ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        return api;
    }

    internal static async Task<Ok<BatchStatusResponse>> BatchStatusAsync(BatchStatusRequest request, ApiService apis, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        if (request.Status is null || request.Ids is null)
        {
            var errors = new Dictionary<string, string[]>();
            if (request.Ids is null)
            {
                errors["ids"] = ["Select at least one API."];
            }

            if (request.Status is null)
            {
                errors["status"] = ["Status must be active, inactive or deprecated."];
            }

            throw new ServiceValidationException(errors);
        }

        var changed = await apis.SetStatusBatchAsync(request.Ids, request.Status.Value, AdminApiQuery.Actor(user), cancellationToken);
        return TypedResults.Ok(new BatchStatusResponse(changed));
    }

    internal static async Task<Ok<OpenApiImportPreview>> PreviewAsync(HttpContext context, OpenApiImportService import, OpenApiImportOptions options, CancellationToken cancellationToken)
    {
        var request = await ReadRequestAsync(context, options, cancellationToken);
        return TypedResults.Ok(await import.PreviewAsync(request, cancellationToken));
    }

    internal static async Task<Results<Created<OpenApiImportResponse>, Ok<OpenApiImportResponse>>> ImportAsync(
        HttpContext context, OpenApiImportService import, OpenApiImportOptions options, BackendService backends, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var request = await ReadRequestAsync(context, options, cancellationToken);
        var result = await import.ImportAsync(request, AdminApiQuery.Actor(user), cancellationToken);
        var backend = await backends.FindAsync(result.Api.BackendId, cancellationToken);
        var body = new OpenApiImportResponse(result.Created, ApiResponse.From(result.Api, backend?.Name), result.Preview);
        return result.Created
            ? TypedResults.Created($"{AdminApiExtensions.Prefix}/apis/{result.Api.Id}", body)
            : TypedResults.Ok(body);
    }

    /// <summary>Reads the import request from a JSON body or a multipart form (file, url, content, name, version, path, backendId).</summary>
    private static async Task<OpenApiImportRequest> ReadRequestAsync(HttpContext context, OpenApiImportOptions options, CancellationToken cancellationToken)
    {
        var http = context.Request;
        if (http.HasFormContentType)
        {
            var form = await http.ReadFormAsync(cancellationToken);
            var errors = new Dictionary<string, string[]>();
            int? backendId = null;
            if (!string.IsNullOrWhiteSpace(form["backendId"]))
            {
                if (int.TryParse(form["backendId"], out var parsed))
                {
                    backendId = parsed;
                }
                else
                {
                    errors["backendId"] = ["Backend id must be a number."];
                }
            }

            string? content = form["content"];
            if (form.Files.GetFile("file") is { } file)
            {
                if (file.Length > options.MaxSpecBytes)
                {
                    errors["file"] = [$"The file is larger than {options.MaxSpecBytes / 1024} KB."];
                }
                else
                {
                    using var reader = new StreamReader(file.OpenReadStream(), Encoding.UTF8);
                    content = await reader.ReadToEndAsync(cancellationToken);
                }
            }

            if (errors.Count > 0)
            {
                throw new ServiceValidationException(errors);
            }

            return new OpenApiImportRequest
            {
                Content = content,
                Url = form["url"],
                Name = form["name"],
                Version = form["version"],
                Path = form["path"],
                BackendId = backendId,
            };
        }

        if (http.ContentLength is > 0 || http.Headers.TransferEncoding.Count > 0)
        {
            var json = context.RequestServices.GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions;
            try
            {
                return await http.ReadFromJsonAsync<OpenApiImportRequest>(json, cancellationToken) ?? new OpenApiImportRequest();
            }
            catch (JsonException ex)
            {
                var where = ex.Path is { Length: > 0 } path ? $" at {path}" : "";
                throw new ServiceValidationException(new Dictionary<string, string[]> { ["body"] = [$"The JSON body is not valid{where}."] });
            }
            catch (InvalidOperationException)
            {
                throw new ServiceValidationException(new Dictionary<string, string[]> { ["body"] = ["Send a JSON body or a multipart form."] });
            }
        }

        return new OpenApiImportRequest();
    }
}
