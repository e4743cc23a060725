using MudBlazor;

namespace ApiManager.Admin.Components.Layout;

/// <summary>The console's colours.</summary>
internal static class ConsoleTheme
{
    public static MudTheme Theme { get; } = new()
    {
        PaletteLight = new PaletteLight
        {
            Primary = "#1f5fa8",
            Secondary = "#0f8a7e",
            AppbarBackground = "#16324f",
        },
    };
}
