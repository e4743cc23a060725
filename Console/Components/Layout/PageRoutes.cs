using System.Reflection;
using Microsoft.AspNetCore.Components;

namespace ApiManager.Admin.Components.Layout;

/// <summary>The route templates of the console's pages, so navigation lists only pages that exist.</summary>
internal static class PageRoutes
{
    private static readonly HashSet<string> Templates = typeof(PageRoutes).Assembly.GetTypes()
        .SelectMany(t => t.GetCustomAttributes<RouteAttribute>())
        .Select(r => r.Template.TrimEnd('/'))
        .ToHashSet(StringComparer.OrdinalIgnoreCase);

    public static bool Exists(string template) => Templates.Contains(template.TrimEnd('/'));
}
