using CityRisk.Protocol;
using CityRisk.Protocol.V1;
using CityRisk.Server.Enterprises;
using CityRisk.Server.Exchange;
using Google.Protobuf;
using Google.Protobuf.Reflection;
using Grpc.Core;

namespace CityRisk.Server.Hosting;

/// <summary>
/// Binds <see cref="ExchangeGrpcService"/>: the generated <c>Exchange.BindService</c> supplies the other methods (their
/// generated descriptors and marshallers). Subscribe is bound to a method whose response marshaller writes an
/// <see cref="EncodedDelivery"/>'s bytes, so a delivery is serialized once for all its subscribers; QueryEnterprises to
/// one that writes an <see cref="EncodedEnterprisePage"/>, whose entries carry the stored envelopes as they are. The
/// wire is the same: a client of the generated stub reads <c>Delivery</c> and <c>EnterpriseQueryResponse</c> messages.
/// <see cref="Descriptor"/> serves reflection.
/// </summary>
internal static class ExchangeServiceBinder
{
    public static readonly Method<SubscribeRequest, EncodedDelivery> Subscribe = new(
        MethodType.ServerStreaming,
        ExchangeMetadata.ServiceName,
        "Subscribe",
        RequestMarshaller(SubscribeRequest.Parser),
        EncodedDelivery.Marshaller);

    public static readonly Method<EnterpriseQueryRequest, EncodedEnterprisePage> QueryEnterprises = new(
        MethodType.Unary,
        ExchangeMetadata.ServiceName,
        "QueryEnterprises",
        RequestMarshaller(EnterpriseQueryRequest.Parser),
        EncodedEnterprisePage.Marshaller);

    /// <summary>A request read as the generated message, as the generated bindings read it.</summary>
    private static Marshaller<T> RequestMarshaller<T>(MessageParser<T> parser)
        where T : IMessage<T> =>
        Marshallers.Create(static (T request, SerializationContext context) => context.Complete(request.ToByteArray()), context => parser.ParseFrom(context.PayloadAsReadOnlySequence()));

    /// <summary>The service's descriptor, for server reflection.</summary>
    public static ServiceDescriptor Descriptor => Protocol.V1.Exchange.Descriptor;

    /// <summary>Called by Grpc.AspNetCore (found through the attribute on the service).</summary>
    public static void BindService(ServiceBinderBase serviceBinder, ExchangeGrpcService? service)
    {
        Protocol.V1.Exchange.BindService(new AllButEncoded(serviceBinder), null);
        serviceBinder.AddMethod(Subscribe, service is null ? null : service.Subscribe);
        serviceBinder.AddMethod(QueryEnterprises, service is null ? null : service.QueryEnterprises);
    }

    /// <summary>Passes the generated bindings through, except Subscribe and QueryEnterprises, which are bound above.</summary>
    private sealed class AllButEncoded(ServiceBinderBase inner) : ServiceBinderBase
    {
        public override void AddMethod<TRequest, TResponse>(Method<TRequest, TResponse> method, UnaryServerMethod<TRequest, TResponse>? handler)
        {
            if (method.Name != QueryEnterprises.Name)
            {
                inner.AddMethod(method, handler);
            }
        }

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
