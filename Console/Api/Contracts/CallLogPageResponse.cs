namespace ApiManager.Admin.Api.Contracts;

/// <summary>A page of the call log, newest first; pass <c>nextBefore</c> as <c>before</c> for the next (older) page.</summary>
internal sealed record CallLogPageResponse(IReadOnlyList<CallLogEntryResponse> Items, long? NextBefore);
