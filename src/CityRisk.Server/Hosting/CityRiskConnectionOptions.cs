namespace CityRisk.Server.Hosting;

/// <summary>
/// The limits a hub puts on connections, applied to Kestrel by <c>AddCityRiskExchange</c> (docs/operations.md,
/// "Connections"). The defaults suit a city hub behind no proxy: a client that opens sockets and sends nothing
/// cannot hold them for long, and one connection cannot take every stream.
/// </summary>
public sealed class CityRiskConnectionOptions
{
    /// <summary>
    /// How long a connection may stay without an active call before the hub closes it; it also bounds how long a new
    /// connection may take to send the HTTP/2 preface (Kestrel's keep-alive timeout). Default 30 s. Clients reconnect
    /// by themselves; open subscriptions are active calls and are not affected.
    /// </summary>
    public TimeSpan IdleTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long a TLS handshake may take. Default 10 s.</summary>
    public TimeSpan TlsHandshakeTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How long a connection may be silent before the hub sends an HTTP/2 PING to check it is alive. Default 30 s.</summary>
    public TimeSpan KeepAlivePingDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long the hub waits for the answer to its PING before it closes the connection. Default 20 s.</summary>
    public TimeSpan KeepAlivePingTimeout { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>The most connections the hub keeps open at once; more are refused at accept. Default 10,000.</summary>
    public long MaxConnections { get; set; } = 10_000;

    /// <summary>The most calls at once on one connection (HTTP/2 streams). Default 100.</summary>
    public int MaxStreamsPerConnection { get; set; } = 100;

    internal IEnumerable<string> Errors()
    {
        if (IdleTimeout < TimeSpan.FromSeconds(1) || IdleTimeout > TimeSpan.FromHours(1))
        {
            yield return $"Connections.IdleTimeout {IdleTimeout} is outside 1 s to 1 h.";
        }

        if (TlsHandshakeTimeout < TimeSpan.FromSeconds(1) || TlsHandshakeTimeout > TimeSpan.FromMinutes(5))
        {
            yield return $"Connections.TlsHandshakeTimeout {TlsHandshakeTimeout} is outside 1 s to 5 min.";
        }

        if (KeepAlivePingDelay < TimeSpan.FromSeconds(1) || KeepAlivePingTimeout < TimeSpan.FromSeconds(1))
        {
            yield return "Connections.KeepAlivePingDelay and KeepAlivePingTimeout must be at least 1 s.";
        }

        if (MaxConnections < 1)
        {
            yield return $"Connections.MaxConnections {MaxConnections} must be positive.";
        }

        if (MaxStreamsPerConnection is < 1 or > 10_000)
        {
            yield return $"Connections.MaxStreamsPerConnection {MaxStreamsPerConnection} is outside 1 to 10,000.";
        }
    }
}
