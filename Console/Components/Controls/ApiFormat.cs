namespace ApiManager.Admin.Components.Controls;

/// <summary>Display formats of API fields.</summary>
internal static class ApiFormat
{
    public static string Methods(IReadOnlyCollection<string> methods) => methods.Count == 0 ? "All" : string.Join(", ", methods);
}
