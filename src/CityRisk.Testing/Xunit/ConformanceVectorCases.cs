using Xunit;

namespace CityRisk.Testing;

/// <summary>The publish vectors as xunit theory data, one case per vector id.</summary>
public static class ConformanceVectorCases
{
    /// <summary>The ids of <see cref="ConformanceVector.All"/>.</summary>
    public static TheoryData<string> Ids => [.. ConformanceVector.All.Select(v => v.Id)];
}
