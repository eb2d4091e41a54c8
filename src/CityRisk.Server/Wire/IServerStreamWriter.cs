namespace CityRisk.Server.Wire;

/// <summary>Writes the messages of a server-streaming response; each is flushed as it is written.</summary>
internal interface IServerStreamWriter<in T>
{
    Task WriteAsync(T message, CancellationToken cancellationToken);
}
