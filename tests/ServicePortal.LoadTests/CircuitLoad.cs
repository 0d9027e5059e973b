namespace ServicePortal.LoadTests;

public sealed record CircuitResult(int Requested, int Held, int ServerCircuits, int HoldSeconds, double OpenSeconds, double OpenP50, double OpenP95,
    double HeapBeforeMb, double HeapAfterMb, double WorkingSetBeforeMb, double WorkingSetAfterMb, int Errors, IReadOnlyList<string> SampleErrors)
{
    public double HeapPerCircuitKb => Held > 0 ? (HeapAfterMb - HeapBeforeMb) * 1024 / Held : 0;

    public double WorkingSetPerCircuitKb => Held > 0 ? (WorkingSetAfterMb - WorkingSetBeforeMb) * 1024 / Held : 0;
}

public static class CircuitLoad
{
    public static Task<CircuitResult> RunAsync(PortalHost portal, LoadOptions options, CancellationToken cancellationToken) =>
        throw new NotSupportedException("The lightweight circuit client is not written yet.");
}
