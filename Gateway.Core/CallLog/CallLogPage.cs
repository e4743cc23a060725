namespace ApiManager.Gateway.CallLog;

/// <summary>One page of the call log, newest first; <see cref="NextBefore"/> fetches the next (older) page, null at the end.</summary>
public sealed record CallLogPage(IReadOnlyList<CallLogEntry> Items, long? NextBefore);
