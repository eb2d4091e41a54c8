namespace CityRisk.Storage;

/// <summary>Why the ledger refused a step; the hub answers with the matching status code.</summary>
public enum PoolRefusal
{
    /// <summary>What the step names does not exist in the ledger (NOT_FOUND).</summary>
    NotFound = 1,

    /// <summary>The step is not the caller's to take (PERMISSION_DENIED).</summary>
    PermissionDenied = 2,

    /// <summary>The arithmetic or the order does not allow it now (FAILED_PRECONDITION), the message says what is left.</summary>
    FailedPrecondition = 3,
}
