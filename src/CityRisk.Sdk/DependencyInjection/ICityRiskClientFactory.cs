namespace CityRisk.Client;

/// <summary>Named clients, one per hub, registered with <c>AddCityRiskClient(name, ...)</c>; each is created once and shared.</summary>
public interface ICityRiskClientFactory
{
    /// <summary>The client registered under <paramref name="name"/>.</summary>
    /// <param name="name">The registration's name; <see cref="Microsoft.Extensions.Options.Options.DefaultName"/> (empty) for the unnamed one.</param>
    /// <exception cref="InvalidOperationException">No client has that name.</exception>
    /// <exception cref="Microsoft.Extensions.Options.OptionsValidationException">Its options are invalid (every error is listed).</exception>
    CityRiskClient CreateClient(string name);
}
