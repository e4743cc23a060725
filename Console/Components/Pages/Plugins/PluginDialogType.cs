namespace ApiManager.Admin.Components.Pages.Plugins;

/// <summary>A type the add/edit dialog offers: its name, default configuration (editor text) and secret field.</summary>
public sealed record PluginDialogType(string Name, string DefaultConfiguration, string? SecretField);
