using CityRisk.Storage;
using CityRisk.Testing.Shared;

namespace CityRisk.Server.Tests.Storage;

/// <summary>CityRisk.Storage's public API against its checked-in listing (api/CityRisk.Storage.txt).</summary>
public class StoragePublicApiTests
{
    [Fact]
    public void Public_api_matches_the_checked_in_listing() => PublicApiListing.AssertMatches(typeof(IExchangeStore).Assembly);
}
