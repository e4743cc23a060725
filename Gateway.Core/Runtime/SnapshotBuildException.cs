namespace ApiManager.Gateway.Runtime;

/// <summary>The catalog rows cannot be turned into a working gateway configuration; the message lists every problem.</summary>
internal sealed class SnapshotBuildException : Exception
{
    /// <summary>Creates the exception from the list of problems found.</summary>
    public SnapshotBuildException(IReadOnlyList<string> problems)
        : base(problems.Count == 1 ? problems[0] : string.Join(" ", problems))
    {
        Problems = problems;
    }

    /// <summary>Every problem found, one sentence each.</summary>
    public IReadOnlyList<string> Problems { get; }
}
