using System.Reflection;

namespace CityRisk.Testing.Tests.Xunit;

// The xunit adapter as a .NET vendor uses it: one subclass per capability, against the reference hub.

public sealed class ReferenceHubWire(ReferenceHubFixture fixture) : WireConformanceTests<ReferenceHubFixture>(fixture), IClassFixture<ReferenceHubFixture>;

public sealed class ReferenceHubPublish(ReferenceHubFixture fixture) : PublishConformanceTests<ReferenceHubFixture>(fixture), IClassFixture<ReferenceHubFixture>;

public sealed class ReferenceHubQuery(ReferenceHubFixture fixture) : QueryConformanceTests<ReferenceHubFixture>(fixture), IClassFixture<ReferenceHubFixture>;

public sealed class ReferenceHubSubscribe(ReferenceHubFixture fixture) : SubscribeConformanceTests<ReferenceHubFixture>(fixture), IClassFixture<ReferenceHubFixture>;

public sealed class ReferenceHubScope(ReferenceHubFixture fixture) : ScopeConformanceTests<ReferenceHubFixture>(fixture), IClassFixture<ReferenceHubFixture>;

public sealed class ReferenceHubHazards(ReferenceHubFixture fixture) : HazardsConformanceTests<ReferenceHubFixture>(fixture), IClassFixture<ReferenceHubFixture>;

public sealed class ReferenceHubIncidents(ReferenceHubFixture fixture) : IncidentsConformanceTests<ReferenceHubFixture>(fixture), IClassFixture<ReferenceHubFixture>;

public sealed class ReferenceHubResources(ReferenceHubFixture fixture) : ResourcesConformanceTests<ReferenceHubFixture>(fixture), IClassFixture<ReferenceHubFixture>;

public sealed class ReferenceHubEnterprises(ReferenceHubFixture fixture) : EnterprisesConformanceTests<ReferenceHubFixture>(fixture), IClassFixture<ReferenceHubFixture>;

public sealed class ReferenceHubCompliance : ConformanceComplianceTests
{
    protected override Assembly TargetAssembly => typeof(ReferenceHubCompliance).Assembly;
}
