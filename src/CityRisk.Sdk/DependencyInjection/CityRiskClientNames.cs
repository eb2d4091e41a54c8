namespace CityRisk.Client;

/// <summary>The names of the registered clients (one singleton, filled as registrations are added).</summary>
internal sealed class CityRiskClientNames
{
    private readonly HashSet<string> _names = new(StringComparer.Ordinal);

    public IReadOnlyCollection<string> All
    {
        get
        {
            lock (_names)
            {
                return [.. _names];
            }
        }
    }

    public void Add(string name)
    {
        lock (_names)
        {
            _names.Add(name);
        }
    }

    public bool Contains(string name)
    {
        lock (_names)
        {
            return _names.Contains(name);
        }
    }
}
