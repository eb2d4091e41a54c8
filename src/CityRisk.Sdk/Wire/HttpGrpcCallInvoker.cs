using System.Net;
using System.Net.Http.Headers;
using System.Runtime.CompilerServices;
using Google.Protobuf;

namespace CityRisk.Wire;

/// <summary>gRPC over HTTP/2 on <see cref="HttpClient"/>: cleartext (prior knowledge) for http://, TLS with ALPN h2 for https://.</summary>
internal sealed class HttpGrpcCallInvoker : IGrpcCallInvoker, IDisposable
{
    private readonly HttpClient _http;
    private readonly Uri _endpoint;
    private readonly int _maxReceiveMessageBytes;
    private readonly int _maxSendMessageBytes;

    public HttpGrpcCallInvoker(Uri endpoint, HttpMessageHandler? handler = null, int maxReceiveMessageBytes = GrpcProtocol.DefaultMaxMessageBytes, int maxSendMessageBytes = GrpcProtocol.DefaultMaxMessageBytes)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        if (endpoint.Scheme is not ("http" or "https"))
        {
            throw new ArgumentException($"The endpoint '{endpoint}' must be http:// (cleartext HTTP/2) or https:// (HTTP/2 over TLS).", nameof(endpoint));
        }

        _endpoint = endpoint;
        _maxReceiveMessageBytes = maxReceiveMessageBytes;
        _maxSendMessageBytes = maxSendMessageBytes;
        _http = new HttpClient(handler ?? CreateHandler(null), disposeHandler: true)
        {
            // Deadlines are per call (grpc-timeout); streams may run for days.
            Timeout = Timeout.InfiniteTimeSpan,
        };
    }

    /// <summary>A handler suited to gRPC: several HTTP/2 connections when streams pile up, and optional TLS validation.</summary>
    public static SocketsHttpHandler CreateHandler(Func<System.Security.Cryptography.X509Certificates.X509Certificate2, bool>? validateServerCertificate) => new()
    {
        EnableMultipleHttp2Connections = true,
        PooledConnectionIdleTimeout = TimeSpan.FromMinutes(5),
        KeepAlivePingDelay = TimeSpan.FromSeconds(60),
        KeepAlivePingTimeout = TimeSpan.FromSeconds(30),
        SslOptions = validateServerCertificate is null
            ? new System.Net.Security.SslClientAuthenticationOptions()
            : new System.Net.Security.SslClientAuthenticationOptions
            {
                RemoteCertificateValidationCallback = (_, certificate, _, _) =>
                    certificate is not null && validateServerCertificate(new System.Security.Cryptography.X509Certificates.X509Certificate2(certificate)),
            },
    };

    public async Task<TResponse> UnaryAsync<TRequest, TResponse>(GrpcMethod<TRequest, TResponse> method, TRequest request, GrpcCallOptions options)
        where TRequest : IMessage<TRequest>
        where TResponse : IMessage<TResponse>
    {
        using var call = await StartAsync(method, request, options).ConfigureAwait(false);
        try
        {
            var message = await GrpcFrame.ReadAsync(call.Body!, _maxReceiveMessageBytes, call.Token).ConfigureAwait(false)
                ?? throw FinishWithoutMessage(call);
            var response = method.ResponseParser.ParseFrom(message);
            if (await GrpcFrame.ReadAsync(call.Body!, _maxReceiveMessageBytes, call.Token).ConfigureAwait(false) is not null)
            {
                throw new GrpcCallException(GrpcStatusCode.Internal, "The server sent more than one message for a unary call.");
            }

            call.ThrowIfNotOk();
            return response;
        }
        catch (Exception ex) when (call.Translate(ex) is { } translated)
        {
            throw translated;
        }
    }

    public async IAsyncEnumerable<TResponse> ServerStreamingAsync<TRequest, TResponse>(GrpcMethod<TRequest, TResponse> method, TRequest request, GrpcCallOptions options)
        where TRequest : IMessage<TRequest>
        where TResponse : IMessage<TResponse>
    {
        using var call = await StartAsync(method, request, options).ConfigureAwait(false);
        while (true)
        {
            byte[]? message;
            try
            {
                message = await GrpcFrame.ReadAsync(call.Body!, _maxReceiveMessageBytes, call.Token).ConfigureAwait(false);
                if (message is null)
                {
                    call.ThrowIfNotOk();
                    yield break;
                }
            }
            catch (Exception ex) when (call.Translate(ex) is { } translated)
            {
                throw translated;
            }

            yield return method.ResponseParser.ParseFrom(message);
        }
    }

    public void Dispose() => _http.Dispose();

    private async Task<ActiveCall> StartAsync<TRequest, TResponse>(GrpcMethod<TRequest, TResponse> method, TRequest request, GrpcCallOptions options)
        where TRequest : IMessage<TRequest>
        where TResponse : IMessage<TResponse>
    {
        var payload = request.ToByteArray();
        if (payload.Length > _maxSendMessageBytes)
        {
            throw new GrpcCallException(GrpcStatusCode.ResourceExhausted, $"The request message is {payload.Length} bytes, over the send limit of {_maxSendMessageBytes}.");
        }

        var message = new HttpRequestMessage(HttpMethod.Post, new Uri(_endpoint, method.Path))
        {
            Version = HttpVersion.Version20,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
            Content = new ByteArrayContent(GrpcFrame.ToArray(payload)),
        };
        message.Content.Headers.ContentType = new MediaTypeHeaderValue(GrpcProtocol.ContentType);
        message.Headers.TryAddWithoutValidation("te", "trailers");
        if (options.Timeout is { } timeout)
        {
            message.Headers.TryAddWithoutValidation(GrpcProtocol.TimeoutHeader, GrpcTimeout.Format(timeout));
        }

        foreach (var (name, value) in options.Metadata)
        {
            message.Headers.TryAddWithoutValidation(name, value);
        }

        var call = new ActiveCall(options);
        try
        {
            call.Response = await _http.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, call.Token).ConfigureAwait(false);
            call.CheckHeaders();
            if (options.OnResponseHeaders is { } onHeaders)
            {
                onHeaders(call.Response.Headers.ToDictionary(h => h.Key.ToLowerInvariant(), h => string.Join(",", h.Value), StringComparer.Ordinal));
            }

            call.Body = await call.Response.Content.ReadAsStreamAsync(call.Token).ConfigureAwait(false);
            return call;
        }
        catch (Exception ex)
        {
            var translated = call.Translate(ex);
            call.Dispose();
            message.Dispose();
            if (translated is null)
            {
                throw;
            }

            throw translated;
        }
    }

    private static GrpcCallException FinishWithoutMessage(ActiveCall call)
    {
        call.ThrowIfNotOk();
        return new GrpcCallException(GrpcStatusCode.Internal, "The server ended a unary call with OK but no message.");
    }

    /// <summary>One call in flight: its response, body, cancellation (caller and deadline), and status checks.</summary>
    private sealed class ActiveCall : IDisposable
    {
        private readonly CancellationTokenSource _deadline = new();
        private readonly CancellationTokenSource _linked;
        private readonly CancellationToken _caller;

        public ActiveCall(GrpcCallOptions options)
        {
            _caller = options.CancellationToken;
            _linked = CancellationTokenSource.CreateLinkedTokenSource(_caller, _deadline.Token);
            if (options.Timeout is { } timeout)
            {
                _deadline.CancelAfter(timeout);
            }
        }

        public CancellationToken Token => _linked.Token;

        public HttpResponseMessage? Response { get; set; }

        public Stream? Body { get; set; }

        /// <summary>Headers first: a trailers-only response (an error, usually) carries grpc-status there.</summary>
        public void CheckHeaders()
        {
            var response = Response!;
            if (response.Headers.TryGetValues(GrpcProtocol.StatusHeader, out _))
            {
                ThrowIfNotOk(response.Headers);
                return;
            }

            if (response.StatusCode != HttpStatusCode.OK)
            {
                throw new GrpcCallException(FromHttpStatus(response.StatusCode), $"The server answered HTTP {(int)response.StatusCode} {response.ReasonPhrase} without a gRPC status.");
            }

            if (!GrpcProtocol.IsGrpcContentType(response.Content.Headers.ContentType?.MediaType))
            {
                throw new GrpcCallException(GrpcStatusCode.Internal, $"The server answered with content type '{response.Content.Headers.ContentType}', not application/grpc.");
            }
        }

        /// <summary>After the body: the status is in the trailers (or was in the headers of a trailers-only response).</summary>
        public void ThrowIfNotOk()
        {
            var response = Response!;
            if (response.Headers.TryGetValues(GrpcProtocol.StatusHeader, out _))
            {
                ThrowIfNotOk(response.Headers);
                return;
            }

            if (!response.TrailingHeaders.TryGetValues(GrpcProtocol.StatusHeader, out _))
            {
                throw new GrpcCallException(GrpcStatusCode.Internal, "The server ended the call without a grpc-status.");
            }

            ThrowIfNotOk(response.TrailingHeaders);
        }

        /// <summary>Maps transport failures to statuses; null to let a <see cref="GrpcCallException"/> through as it is.</summary>
        public Exception? Translate(Exception exception) => exception switch
        {
            GrpcCallException => null,
            GrpcWireException wire => new GrpcCallException(wire.StatusCode, wire.Message),
            OperationCanceledException when _deadline.IsCancellationRequested && !_caller.IsCancellationRequested =>
                new GrpcCallException(GrpcStatusCode.DeadlineExceeded, "The call's deadline passed before it completed.", inner: exception),
            OperationCanceledException when _caller.IsCancellationRequested => new OperationCanceledException("The call was cancelled.", exception, _caller),
            HttpRequestException http => new GrpcCallException(GrpcStatusCode.Unavailable, $"The server could not be reached or the connection failed: {http.Message}", inner: exception),
            InvalidProtocolBufferException parse => new GrpcCallException(GrpcStatusCode.Internal, $"The response could not be parsed as protobuf: {parse.Message}", inner: exception),
            IOException io => new GrpcCallException(GrpcStatusCode.Unavailable, $"The connection failed during the call: {io.Message}", inner: exception),
            _ => null,
        };

        public void Dispose()
        {
            Body?.Dispose();
            Response?.Dispose();
            _linked.Dispose();
            _deadline.Dispose();
        }

        private static void ThrowIfNotOk(HttpHeaders headers)
        {
            var status = headers.GetValues(GrpcProtocol.StatusHeader).FirstOrDefault();
            if (!int.TryParse(status, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var code))
            {
                throw new GrpcCallException(GrpcStatusCode.Internal, $"The server sent an unreadable grpc-status '{status}'.");
            }

            if (code == 0)
            {
                return;
            }

            var detail = headers.TryGetValues(GrpcProtocol.MessageHeader, out var values) ? GrpcMessageText.Decode(values.First()) : string.Empty;
            var all = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            foreach (var (name, value) in headers)
            {
                all[name] = string.Join(",", value);
            }

            throw new GrpcCallException((GrpcStatusCode)code, detail, all);
        }

        // https://github.com/grpc/grpc/blob/master/doc/http-grpc-status-mapping.md
        private static GrpcStatusCode FromHttpStatus(HttpStatusCode status) => (int)status switch
        {
            400 => GrpcStatusCode.Internal,
            401 => GrpcStatusCode.Unauthenticated,
            403 => GrpcStatusCode.PermissionDenied,
            404 => GrpcStatusCode.Unimplemented,
            429 or 502 or 503 or 504 => GrpcStatusCode.Unavailable,
            _ => GrpcStatusCode.Unknown,
        };
    }
}
