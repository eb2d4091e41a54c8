namespace CityRisk.Json;

/// <summary>A document that is well-formed JSON but breaks the contract: ends a hand-written read with one problem.</summary>
internal sealed class JsonContractException(string code, string path, string message) : Exception(message)
{
    public string Code { get; } = code;

    public string Path { get; } = path;
}
