namespace ApiManager.Gateway.Apis.OpenApi;

/// <summary>Either a summary of the document or readable errors, each starting with its line or JSON pointer.</summary>
public sealed record OpenApiSpecReadResult(OpenApiSpecSummary? Summary, IReadOnlyList<string> Errors)
{
    public bool Succeeded => Summary is not null && Errors.Count == 0;
}
