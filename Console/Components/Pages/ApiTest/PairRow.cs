namespace ApiManager.Admin.Components.Pages.ApiTest;

/// <summary>One editable name/value row (query parameter or header) of the API Test form.</summary>
public sealed class PairRow
{
    public string? Name { get; set; }

    public string? Value { get; set; }
}
