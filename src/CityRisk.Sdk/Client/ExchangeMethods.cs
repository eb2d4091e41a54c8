using CityRisk.Wire;
using CityRisk.Wire.V1;

namespace CityRisk.Client;

/// <summary>The unary methods of <c>cityrisk.v1.Exchange</c> as the client calls them.</summary>
internal static class ExchangeMethods
{
    public const string Service = "cityrisk.v1.Exchange";

    public static readonly GrpcMethod<PublishRequest, PublishResponse> Publish = new(Service, "Publish", PublishResponse.Parser);

    public static readonly GrpcMethod<GetRequest, GetResponse> Get = new(Service, "Get", GetResponse.Parser);

    public static readonly GrpcMethod<QueryRequest, QueryResponse> Query = new(Service, "Query", QueryResponse.Parser);
}
