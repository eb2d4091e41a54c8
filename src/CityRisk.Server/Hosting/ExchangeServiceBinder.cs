using CityRisk.Protocol;
using CityRisk.Protocol.V1;
using CityRisk.Server.Exchange;
using Google.Protobuf;
using Google.Protobuf.Reflection;
using Grpc.Core;

namespace CityRisk.Server.Hosting;

/// <summary>
/// Binds <see cref="ExchangeGrpcService"/>: the generated <c>Exchange.BindService</c> supplies the unary methods (their
/// generated descriptors and marshallers), and Subscribe is bound to a method whose response marshaller writes an
/// <see cref="EncodedDelivery"/>'s bytes, so a delivery is serialized once for all its subscribers. The wire is the
/// same: a client of the generated stub reads <c>Delivery</c> messages. <see cref="Descriptor"/> serves reflection.
/// </summary>
internal static class ExchangeServiceBinder
{
    public static readonly Method<SubscribeRequest, EncodedDelivery> Subscribe = new(
        MethodType.ServerStreaming,
        ExchangeMetadata.ServiceName,
        "Subscribe",
        Marshallers.Create(static (SubscribeRequest request, SerializationContext context) => context.Complete(request.ToByteArray()), static context => SubscribeRequest.Parser.ParseFrom(context.PayloadAsReadOnlySequence())),
        EncodedDelivery.Marshaller);

    /// <summary>The service's descriptor, for server reflection.</summary>
    public static ServiceDescriptor Descriptor => Protocol.V1.Exchange.Descriptor;

    /// <summary>Called by Grpc.AspNetCore (found through the attribute on the service).</summary>
    public static void BindService(ServiceBinderBase serviceBinder, ExchangeGrpcService? service)
    {
        Protocol.V1.Exchange.BindService(new AllButSubscribe(serviceBinder), null);
        serviceBinder.AddMethod(Subscribe, service is null ? null : service.Subscribe);
    }

    /// <summary>Passes the generated bindings through, except Subscribe, which is bound above.</summary>
    private sealed class AllButSubscribe(ServiceBinderBase inner) : ServiceBinderBase
    {
        public override void AddMethod<TRequest, TResponse>(Method<TRequest, TResponse> method, UnaryServerMethod<TRequest, TResponse>? handler) =>
            inner.AddMethod(method, handler);

        public override void AddMethod<TRequest, TResponse>(Method<TRequest, TResponse> method, ServerStreamingServerMethod<TRequest, TResponse>? handler)
        {
            if (method.Name != Subscribe.Name)
            {
                inner.AddMethod(method, handler);
            }
        }

        public override void AddMethod<TRequest, TResponse>(Method<TRequest, TResponse> method, ClientStreamingServerMethod<TRequest, TResponse>? handler) =>
            inner.AddMethod(method, handler);

        public override void AddMethod<TRequest, TResponse>(Method<TRequest, TResponse> method, DuplexStreamingServerMethod<TRequest, TResponse>? handler) =>
            inner.AddMethod(method, handler);
    }
}
