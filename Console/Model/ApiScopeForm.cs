using ApiManager.Gateway.Scopes;

namespace ApiManager.Admin.Model;

/// <summary>The editable state of the API scope form (mutable for binding); converts to <see cref="ApiScopeInput"/>.</summary>
internal sealed class ApiScopeForm
{
    public string Name { get; set; } = "";
    public string? Description { get; set; }
    public Guid? ConcurrencyStamp { get; set; }

    public static ApiScopeForm From(ApiScope scope)
    {
        ArgumentNullException.ThrowIfNull(scope);
        return new ApiScopeForm { Name = scope.Name, Description = scope.Description, ConcurrencyStamp = scope.ConcurrencyStamp };
    }

    public ApiScopeInput ToInput() => new() { Name = Name, Description = Description, ConcurrencyStamp = ConcurrencyStamp };
}
