using System.Reflection;
using Xunit;

namespace CityRisk.Testing;

/// <summary>
/// Fails when a test base of the kit has no concrete subclass in your test assembly, so a capability cannot be
/// forgotten silently. Subclass it once and say which assembly holds your conformance tests.
/// </summary>
public abstract class ConformanceComplianceTests
{
    /// <summary>The assembly with your subclasses of the test bases.</summary>
    protected abstract Assembly TargetAssembly { get; }

    /// <summary>Every test base of the kit, one per capability.</summary>
    public static IReadOnlyList<Type> TestBases { get; } =
    [
        typeof(WireConformanceTests<>),
        typeof(PublishConformanceTests<>),
        typeof(QueryConformanceTests<>),
        typeof(SubscribeConformanceTests<>),
        typeof(ScopeConformanceTests<>),
        typeof(HazardsConformanceTests<>),
        typeof(IncidentsConformanceTests<>),
        typeof(ResourcesConformanceTests<>),
        typeof(EnterprisesConformanceTests<>),
    ];

    /// <summary>Each test base has a non-abstract subclass in <see cref="TargetAssembly"/>.</summary>
    [Fact]
    public virtual void Every_conformance_test_base_is_subclassed()
    {
        var concrete = TargetAssembly.GetTypes().Where(t => t is { IsClass: true, IsAbstract: false }).ToList();
        var missing = TestBases.Where(b => !concrete.Any(t => Inherits(t, b))).Select(b => b.Name[..b.Name.IndexOf('`', StringComparison.Ordinal)]).ToList();
        Assert.True(missing.Count == 0, $"{TargetAssembly.GetName().Name} has no subclass of: {string.Join(", ", missing)}. Inherit each with your fixture (PACKAGE.md).");
    }

    private static bool Inherits(Type type, Type genericBase)
    {
        for (var current = type.BaseType; current is not null; current = current.BaseType)
        {
            if (current.IsGenericType && current.GetGenericTypeDefinition() == genericBase)
            {
                return true;
            }
        }

        return false;
    }
}
