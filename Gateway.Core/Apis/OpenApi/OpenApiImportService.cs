using System.Text;
using System.Text.RegularExpressions;
using ApiManager.Gateway.Common;
using ApiManager.Gateway.Data;
using Microsoft.EntityFrameworkCore;

namespace ApiManager.Gateway.Apis.OpenApi;

/// <summary>
/// Previews and applies OpenAPI imports: reads the document (pasted, uploaded or fetched), finds the target API by
/// name and version, and creates or updates it (description from <c>info</c>, allowed methods from the operations,
/// the document stored on the API) through <see cref="ApiService"/>.
/// </summary>
public sealed partial class OpenApiImportService(
    IDbContextFactory<GatewayDbContext> contextFactory,
    ApiService apis,
    OpenApiSpecFetcher fetcher,
    OpenApiImportOptions options)
{
    /// <summary>Reads the document and says what an import would do; invalid input is a <see cref="ServiceValidationException"/>.</summary>
    public async Task<OpenApiImportPreview> PreviewAsync(OpenApiImportRequest request, CancellationToken cancellationToken) =>
        (await PrepareAsync(request, cancellationToken)).Preview;

    /// <summary>Creates or updates the API the document describes and stores the document on it.</summary>
    public async Task<OpenApiImportResult> ImportAsync(OpenApiImportRequest request, Actor actor, CancellationToken cancellationToken)
    {
        var (preview, content) = await PrepareAsync(request, cancellationToken);
        var spec = preview.Spec;
        var description = string.IsNullOrWhiteSpace(spec.Description) ? null : Truncate(spec.Description.Trim(), 2000);
        var displayName = string.IsNullOrWhiteSpace(spec.Title) ? preview.Name : Truncate(spec.Title.Trim(), 200);
        ApiInput input;
        if (preview.ExistingApiId is { } id)
        {
            var existing = await apis.FindAsync(id, cancellationToken) ?? throw new EntityNotFoundException(ApiService.EntityName, id.ToString());
            input = ApiInput.From(existing) with
            {
                DisplayName = displayName,
                Description = description ?? existing.Description,
                Methods = preview.Methods,
                Path = string.IsNullOrWhiteSpace(request.Path) ? existing.Path : request.Path,
                BackendId = request.BackendId ?? existing.BackendId,
            };
        }
        else
        {
            input = new ApiInput
            {
                Name = preview.Name,
                Version = preview.Version,
                DisplayName = displayName,
                Description = description,
                Methods = preview.Methods,
                Path = request.Path ?? "",
                BackendId = request.BackendId ?? 0,
            };
        }

        var api = await apis.SaveImportedAsync(preview.ExistingApiId, input, content, OperationsOf(spec), actor, cancellationToken);
        return new OpenApiImportResult(api, preview.ExistingApiId is null, preview);
    }

    /// <summary>Reads the document (pasted or fetched) and previews it; invalid input is a <see cref="ServiceValidationException"/>.</summary>
    internal async Task<(OpenApiImportPreview Preview, string Content)> PrepareAsync(OpenApiImportRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        string content;
        if (!string.IsNullOrWhiteSpace(request.Content))
        {
            content = request.Content;
            if (Encoding.UTF8.GetByteCount(content) > options.MaxSpecBytes)
            {
                throw Invalid("content", $"The document is larger than {options.MaxSpecBytes / 1024} KB.");
            }
        }
        else if (!string.IsNullOrWhiteSpace(request.Url))
        {
            content = await fetcher.FetchAsync(request.Url, cancellationToken);
        }
        else
        {
            throw Invalid("content", "Paste an OpenAPI document, upload a file or give its URL.");
        }

        var read = OpenApiSpecReader.Read(content);
        if (!read.Succeeded)
        {
            throw new ServiceValidationException(new Dictionary<string, string[]> { ["content"] = [.. read.Errors] });
        }

        var spec = read.Summary!;
        var name = string.IsNullOrWhiteSpace(request.Name) ? Slug(spec.Title, 100, "api") : request.Name.Trim();
        var version = string.IsNullOrWhiteSpace(request.Version) ? Slug(spec.Version, 30, "v1") : request.Version.Trim();
        var warnings = new List<string>();
        var methods = ApiService.KnownMethods.Where(m => spec.Operations.Any(o => o.Method == m)).ToList();
        foreach (var unsupported in spec.Operations.Select(o => o.Method).Where(m => !ApiService.KnownMethods.Contains(m)).Distinct())
        {
            warnings.Add($"{unsupported} operations are not supported by the gateway and are left out.");
        }

        if (spec.Operations.Count == 0)
        {
            warnings.Add("The document has no operations: the API will allow every method.");
        }

        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var existing = await db.Apis.AsNoTracking().Where(a => a.Name == name && a.Version == version)
            .Select(a => new { a.Id, a.Path }).FirstOrDefaultAsync(cancellationToken);
        return (new OpenApiImportPreview(spec, name, version, existing?.Id, existing?.Path, methods, warnings), content);
    }

    /// <summary>
    /// The rows an import writes: one per operation with a method the gateway supports, first of each method + path.
    /// </summary>
    internal static IReadOnlyList<ApiOperation> OperationsOf(OpenApiSpecSummary spec)
    {
        var result = new List<ApiOperation>(spec.Operations.Count);
        var seen = new HashSet<(string, string)>();
        foreach (var operation in spec.Operations)
        {
            if (!ApiService.KnownMethods.Contains(operation.Method) || operation.Path.Length > 2048 || !seen.Add((operation.Method, operation.Path)))
            {
                continue;
            }

            var summary = operation.Summary == operation.OperationId ? null : operation.Summary;
            result.Add(new ApiOperation
            {
                Method = operation.Method,
                Path = operation.Path,
                OperationId = operation.OperationId is { } id ? Truncate(id, 256) : null,
                Summary = summary is null ? null : Truncate(summary, 1024),
            });
        }

        return result;
    }

    internal static string Slug(string? text, int maxLength, string fallback)
    {
        var slug = InvalidNameCharacters().Replace(text?.Trim() ?? "", "-").Trim('-', '.');
        slug = Truncate(slug, maxLength).Trim('-', '.');
        return slug.Length == 0 ? fallback : slug;
    }

    private static string Truncate(string text, int maxLength) => text.Length <= maxLength ? text : text[..maxLength];

    private static ServiceValidationException Invalid(string field, string message) =>
        new(new Dictionary<string, string[]> { [field] = [message] });

    [GeneratedRegex("[^A-Za-z0-9._-]+")]
    private static partial Regex InvalidNameCharacters();
}
