namespace CityRisk.Problems;

/// <summary>
/// The path of an element a validator checks (<c>info[0].category[1]</c>), kept as its parts and turned into text
/// only when a problem needs it: validating a valid alert then builds no path strings.
/// </summary>
internal readonly record struct ElementPath(string Parent, string? Member = null, int Index = -1)
{
    public static implicit operator ElementPath(string path) => new(path);

    public static implicit operator string(ElementPath path) => path.ToString();

    public override string ToString() => (Member, Index) switch
    {
        (null, < 0) => Parent,
        (null, _) => $"{Parent}[{Index}]",
        (_, < 0) => $"{Parent}.{Member}",
        _ => $"{Parent}.{Member}[{Index}]",
    };
}
