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
public sealed class EntityConflictException(string message) : Exception(message);
