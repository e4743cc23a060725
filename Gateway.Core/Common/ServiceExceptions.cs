namespace ApiManager.Gateway.Common;

/// <summary>Input failed validation; <see cref="Errors"/> maps field names (camelCase) to messages.</summary>
public sealed class ServiceValidationException(IReadOnlyDictionary<string, string[]> errors)
    : Exception("One or more fields are invalid: " + string.Join("; ", errors.Select(e => e.Key + ": " + string.Join(" ", e.Value))))
{
    /// <summary>Field name → messages.</summary>
    public IReadOnlyDictionary<string, string[]> Errors { get; } = errors;
}

/// <summary>The addressed entity does not exist.</summary>
public sealed class EntityNotFoundException(string entity, string key)
    : Exception($"{entity} '{key}' was not found.")
{
    /// <summary>Entity type name.</summary>
    public string Entity { get; } = entity;
}

/// <summary>The write conflicts with the current state: the entity is in use, or was changed by someone else.</summary>
public sealed class EntityConflictException(string message) : Exception(message)
{
    /// <summary>Refuses an update made from a stale read: <paramref name="expected"/> is the stamp the caller read (none = no check).</summary>
    /// <param name="expected">The concurrency stamp the caller's form was loaded with.</param>
    /// <param name="actual">The entity's current stamp.</param>
    /// <param name="what">The entity as the message names it, e.g. "backend", "API group".</param>
    public static void ThrowIfStale(Guid? expected, Guid actual, string what)
    {
        if (expected is { } stamp && stamp != actual)
        {
            throw new EntityConflictException($"The {what} was changed by someone else. Reload it and try again.");
        }
    }
}
