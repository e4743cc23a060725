namespace ApiManager.Gateway.Apis;

/// <summary>One compiled path template of an API: segments (null = a <c>{param}</c> segment), methods and <c>Allow</c> value.</summary>
internal sealed class OperationTemplate(string?[] segments, string[] methods, string allowHeader)
{
    public string?[] Segments { get; } = segments;

    /// <summary>Canonical upper-case methods (the instances Kestrel hands out).</summary>
    public string[] Methods { get; } = methods;

    public string AllowHeader { get; } = allowHeader;

    /// <summary>True when <paramref name="method"/> is one of the template's methods (a loop, no hashing).</summary>
    public bool Allows(string method)
    {
        var methods = Methods;
        for (var i = 0; i < methods.Length; i++)
        {
            if (ReferenceEquals(methods[i], method) || string.Equals(methods[i], method, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }
}
