using Xunit;

namespace CityRisk.Testing;

/// <summary>What every capability's test base shares: running one check by id, as an xunit test.</summary>
/// <typeparam name="TFixture">The vendor's fixture.</typeparam>
public abstract class ConformanceTestBase<TFixture>
    where TFixture : ConformanceFixture
{
    /// <summary>Takes the fixture xunit injects.</summary>
    /// <param name="fixture">The endpoint and parties.</param>
    protected ConformanceTestBase(TFixture fixture)
    {
        ArgumentNullException.ThrowIfNull(fixture);
        Fixture = fixture;
    }

    /// <summary>The endpoint and parties.</summary>
    protected TFixture Fixture { get; }

    /// <summary>
    /// Runs a check: a failure fails the test with the check's id, rule, and what was expected and what came back; a
    /// check that cannot run here is skipped with its reason (never a silent pass).
    /// </summary>
    /// <param name="checkId">The check's id (<c>PUB-002</c>).</param>
    protected async Task RunAsync(string checkId)
    {
        var check = ConformanceSuite.Get(checkId);
        var result = await ConformanceRunner.RunOneAsync(Fixture.Context, check, TestContext.Current.CancellationToken).ConfigureAwait(false);
        switch (result.Outcome)
        {
            case ConformanceOutcome.Failed:
                Assert.Fail($"{check.Id} ({check.Rule}): {result.Message}");
                break;
            case ConformanceOutcome.CouldNotRun:
                Assert.Fail($"{check.Id} could not run, not a rule broken: {result.Message}");
                break;
            case ConformanceOutcome.Skipped:
                Assert.Skip($"{check.Id}: {result.Message}");
                break;
        }
    }
}
