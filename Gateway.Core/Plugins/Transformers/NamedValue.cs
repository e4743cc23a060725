namespace ApiManager.Gateway.Plugins.Transformers;

/// <summary>One <c>name:value</c> entry of a transformer configuration (for <c>rename</c>: old name and new name).</summary>
internal readonly record struct NamedValue(string Name, string Value);
