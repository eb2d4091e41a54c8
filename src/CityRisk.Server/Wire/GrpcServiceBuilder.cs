using Google.Protobuf;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CityRisk.Server.Wire;

/// <summary>Maps a gRPC service's methods to endpoints: <c>POST /{package.Service}/{Method}</c>.</summary>
internal sealed class GrpcServiceBuilder(IEndpointRouteBuilder endpoints, string serviceName, GrpcServerOptions options)
{
    private readonly ILogger _logger = endpoints.ServiceProvider.GetRequiredService<ILoggerFactory>().CreateLogger("CityRisk.Server.Grpc");

    public string ServiceName { get; } = serviceName;

    public GrpcServiceBuilder MapUnary<TRequest, TResponse>(
        string method,
        MessageParser<TRequest> parser,
        Func<TRequest, GrpcServerCallContext, Task<TResponse>> handler)
        where TRequest : IMessage<TRequest>
        where TResponse : IMessage<TResponse>
    {
        var call = new GrpcServerCall(options, _logger);
        endpoints.MapPost($"/{ServiceName}/{method}", context => call.HandleUnaryAsync(context, parser, handler));
        return this;
    }

    public GrpcServiceBuilder MapServerStreaming<TRequest, TResponse>(
        string method,
        MessageParser<TRequest> parser,
        Func<TRequest, IServerStreamWriter<TResponse>, GrpcServerCallContext, Task> handler)
        where TRequest : IMessage<TRequest>
        where TResponse : IMessage<TResponse>
    {
        var call = new GrpcServerCall(options, _logger);
        endpoints.MapPost($"/{ServiceName}/{method}", context => call.HandleServerStreamingAsync(context, parser, handler));
        return this;
    }

    /// <summary>Answers gRPC requests to methods nobody mapped with UNIMPLEMENTED, and leaves other requests alone (404).</summary>
    public static void MapUnimplementedFallback(IEndpointRouteBuilder endpoints) =>
        endpoints.MapFallback(context => GrpcServerCall.HandleUnimplementedAsync(context));
}
