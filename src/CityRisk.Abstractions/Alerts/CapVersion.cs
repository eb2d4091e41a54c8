namespace CityRisk.Alerts;

/// <summary>The CAP versions the reader understands; each is judged by its own rules.</summary>
internal enum CapVersion
{
    Cap10,
    Cap11,
    Cap12,
}

internal static class CapNamespaces
{
    public const string Cap10 = "http://www.incident.com/cap/1.0";
    public const string Cap11 = "urn:oasis:names:tc:emergency:cap:1.1";
    public const string Cap12 = "urn:oasis:names:tc:emergency:cap:1.2";
    public const string XmlDsig = "http://www.w3.org/2000/09/xmldsig#";
    public const string XInclude = "http://www.w3.org/2001/XInclude";
    public const string XInclude2003 = "http://www.w3.org/2003/XInclude";
    public const string EdxlDe = "urn:oasis:names:tc:emergency:EDXL:DE:1.0";

    public static CapVersion? VersionOf(string namespaceUri) => namespaceUri switch
    {
        Cap12 => CapVersion.Cap12,
        Cap11 => CapVersion.Cap11,
        Cap10 => CapVersion.Cap10,
        _ => null,
    };
}
