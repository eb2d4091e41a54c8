using Microsoft.Extensions.Options;

namespace CityRisk.Client;

/// <summary>Validates each named client's options once, when the client is first created, listing every error.</summary>
internal sealed class CityRiskClientSettingsValidation(CityRiskClientNames names) : IValidateOptions<CityRiskClientSettings>
{
    public ValidateOptionsResult Validate(string? name, CityRiskClientSettings options)
    {
        if (name is null || !names.Contains(name))
        {
            return ValidateOptionsResult.Skip;
        }

        var problems = options.AllProblems().ToList();
        return problems.Count == 0
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail(problems.Select(p => $"CityRisk client '{(name.Length == 0 ? "(default)" : name)}': {p}"));
    }
}
