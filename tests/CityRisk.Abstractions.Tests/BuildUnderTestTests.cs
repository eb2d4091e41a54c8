using System.Reflection;
using System.Runtime.Versioning;
using CityRisk.Alerts;

namespace CityRisk.Tests;

/// <summary>This suite runs twice: against the net10.0 build and (CityRisk.Abstractions.NetStandard.Tests) the netstandard2.0 build.</summary>
public class BuildUnderTestTests
{
    [Fact]
    public void The_suite_runs_against_the_build_it_says()
    {
#if NETSTANDARD_BUILD_UNDER_TEST
        const string Expected = ".NETStandard,Version=v2.0";
#else
        const string Expected = ".NETCoreApp,Version=v10.0";
#endif
        Assert.Equal(Expected, typeof(Alert).Assembly.GetCustomAttribute<TargetFrameworkAttribute>()?.FrameworkName);
    }
}
