using CityRisk.Client;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace CityRisk.Sdk.Tests.Client;

public class DependencyInjectionTests
{
    [Fact]
    public void The_default_client_binds_from_configuration_with_nested_options()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["CityRisk:Endpoint"] = "http://127.0.0.1:5999/",
            ["CityRisk:PartnerId"] = "foshan-em",
            ["CityRisk:Token"] = "crk_token",
            ["CityRisk:Timeout"] = "00:00:05",
            ["CityRisk:Retry:MaxRetries"] = "5",
            ["CityRisk:CircuitBreaker:Enabled"] = "false",
            ["CityRisk:Reconnect:MaxDelay"] = "00:01:00",
        }).Build();
        var services = new ServiceCollection().AddCityRiskClient(configuration.GetSection("CityRisk"));
        using var provider = services.BuildServiceProvider();

        var client = provider.GetRequiredService<CityRiskClient>();
        var options = provider.GetRequiredService<IOptionsMonitor<CityRiskClientSettings>>().Get(Options.DefaultName);

        Assert.Same(client, provider.GetRequiredService<CityRiskClient>());
        Assert.Equal(new Uri("http://127.0.0.1:5999/"), client.Endpoint);
        Assert.Equal("foshan-em", client.PartnerId);
        Assert.Equal(TimeSpan.FromSeconds(5), options.Timeout);
        Assert.Equal(5, options.Retry.MaxRetries);
        Assert.False(options.CircuitBreaker.Enabled);
        Assert.Equal(TimeSpan.FromMinutes(1), options.Reconnect.MaxDelay);
    }

    [Fact]
    public void Named_clients_reach_different_hubs()
    {
        var services = new ServiceCollection()
            .AddCityRiskClient("pudong", o => { o.Endpoint = new Uri("http://127.0.0.1:6001/"); o.PartnerId = "pudong-em"; o.Token = "a"; })
            .AddCityRiskClient("macau", o => { o.Endpoint = new Uri("http://127.0.0.1:6002/"); o.PartnerId = "macau-smg"; o.Token = "b"; });
        using var provider = services.BuildServiceProvider();
        var factory = provider.GetRequiredService<ICityRiskClientFactory>();

        Assert.Equal("pudong-em", factory.CreateClient("pudong").PartnerId);
        Assert.Equal(new Uri("http://127.0.0.1:6002/"), factory.CreateClient("macau").Endpoint);
        Assert.Same(factory.CreateClient("macau"), factory.CreateClient("macau"));
        var unknown = Assert.Throws<InvalidOperationException>(() => factory.CreateClient("hefei"));
        Assert.Contains("pudong", unknown.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => services.AddCityRiskClient("macau", _ => { }));
    }

    [Fact]
    public void Invalid_configuration_is_refused_once_with_every_error_listed()
    {
        var services = new ServiceCollection().AddCityRiskClient(o => { o.Endpoint = new Uri("ftp://hub.example.cn/"); o.Retry.MaxRetries = -2; });
        using var provider = services.BuildServiceProvider();

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<CityRiskClient>());

        Assert.Contains(error.Failures, f => f.Contains("Endpoint 'ftp://hub.example.cn/'", StringComparison.Ordinal));
        Assert.Contains(error.Failures, f => f.Contains("PartnerId is not set", StringComparison.Ordinal));
        Assert.Contains(error.Failures, f => f.Contains("Token is not set", StringComparison.Ordinal));
        Assert.Contains(error.Failures, f => f.Contains("Retry.MaxRetries", StringComparison.Ordinal));
    }
}
