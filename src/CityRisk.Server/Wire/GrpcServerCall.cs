using System.Buffers;
using CityRisk.Wire;
using Google.Protobuf;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Logging;

namespace CityRisk.Server.Wire;

/// <summary>
/// The server half of the gRPC call layer for one method: checks the request (HTTP/2, content type, encoding,
/// deadline), reads the length-prefixed request, runs the handler, writes the response frames and the status
/// in trailers (or a trailers-only response). Every failure becomes a status; none escapes to Kestrel.
/// </summary>
internal sealed partial class GrpcServerCall(GrpcServerOptions options, ILogger logger)
{
    public async Task HandleUnaryAsync<TRequest, TResponse>(
        HttpContext http,
        MessageParser<TRequest> parser,
        Func<TRequest, GrpcServerCallContext, Task<TResponse>> handler)
        where TRequest : IMessage<TRequest>
        where TResponse : IMessage<TResponse>
    {
        await RunAsync(http, async context =>
        {
            var request = await ReadSingleMessageAsync(http, parser, context.CancellationToken).ConfigureAwait(false);
            var response = await handler(request, context).ConfigureAwait(false);
            await WriteMessageAsync(http, response, context.CancellationToken).ConfigureAwait(false);
        }).ConfigureAwait(false);
    }

    public async Task HandleServerStreamingAsync<TRequest, TResponse>(
        HttpContext http,
        MessageParser<TRequest> parser,
        Func<TRequest, IServerStreamWriter<TResponse>, GrpcServerCallContext, Task> handler)
        where TRequest : IMessage<TRequest>
        where TResponse : IMessage<TResponse>
    {
        await RunAsync(http, async context =>
        {
            var request = await ReadSingleMessageAsync(http, parser, context.CancellationToken).ConfigureAwait(false);
            await handler(request, new StreamWriter<TResponse>(this, http), context).ConfigureAwait(false);
        }).ConfigureAwait(false);
    }

    private int MaxSendMessageBytes => options.MaxSendMessageBytes;

    public static async Task HandleUnimplementedAsync(HttpContext http)
    {
        if (!GrpcProtocol.IsGrpcContentType(http.Request.ContentType))
        {
            http.Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }

        await DrainAsync(http).ConfigureAwait(false);
        WriteTrailersOnly(http, GrpcStatusCode.Unimplemented, $"Method '{http.Request.Path}' is not implemented by this server.", null);
    }

    private async Task RunAsync(HttpContext http, Func<GrpcServerCallContext, Task> body)
    {
        if (!IsAcceptable(http))
        {
            return;
        }

        DateTimeOffset? deadline = null;
        using var deadlineSource = new CancellationTokenSource();
        if (http.Request.Headers.TryGetValue(GrpcProtocol.TimeoutHeader, out var timeoutHeader))
        {
            if (!GrpcTimeout.TryParse(timeoutHeader.ToString(), out var timeout))
            {
                WriteTrailersOnly(http, GrpcStatusCode.Internal, $"The grpc-timeout header '{timeoutHeader}' is malformed.", null);
                return;
            }

            deadline = DateTimeOffset.UtcNow + timeout;
            deadlineSource.CancelAfter(timeout);
        }

        using var linked = CancellationTokenSource.CreateLinkedTokenSource(http.RequestAborted, deadlineSource.Token, options.Stopping);
        var context = new GrpcServerCallContext(http, deadline, linked.Token);
        options.Calls.Started();
        try
        {
            await body(context).ConfigureAwait(false);
            Finish(http, GrpcStatusCode.OK, null, null);
        }
        catch (GrpcStatusException ex)
        {
            Finish(http, ex.StatusCode, ex.Message, ex.Trailers);
        }
        catch (GrpcWireException ex)
        {
            Finish(http, ex.StatusCode, ex.Message, null);
        }
        catch (InvalidProtocolBufferException ex)
        {
            Finish(http, GrpcStatusCode.Internal, $"The request message could not be parsed as protobuf: {ex.Message}", null);
        }
        catch (OperationCanceledException) when (options.Stopping.IsCancellationRequested && !http.RequestAborted.IsCancellationRequested)
        {
            Finish(http, GrpcStatusCode.Unavailable, "The hub is shutting down; reconnect and resume from your last cursor.", null);
        }
        catch (OperationCanceledException) when (deadlineSource.IsCancellationRequested && !http.RequestAborted.IsCancellationRequested)
        {
            Finish(http, GrpcStatusCode.DeadlineExceeded, "The call's deadline passed before it completed.", null);
        }
        catch (Exception) when (http.RequestAborted.IsCancellationRequested)
        {
            // The client cancelled or went away: the stream is reset, nothing more can be sent.
            LogClientGone(logger, http.Request.Path);
        }
        catch (Exception ex)
        {
            LogHandlerFailed(logger, ex, http.Request.Path);
            Finish(http, GrpcStatusCode.Unknown, "The server failed to handle the call.", null);
        }
        finally
        {
            options.Calls.Ended();
        }
    }

    private static bool IsAcceptable(HttpContext http)
    {
        if (!GrpcProtocol.IsGrpcContentType(http.Request.ContentType))
        {
            http.Response.StatusCode = StatusCodes.Status415UnsupportedMediaType;
            http.Response.Headers[GrpcProtocol.StatusHeader] = ((int)GrpcStatusCode.Internal).ToString(System.Globalization.CultureInfo.InvariantCulture);
            http.Response.Headers[GrpcProtocol.MessageHeader] = GrpcMessageText.Encode($"Content-Type '{http.Request.ContentType}' is not application/grpc.");
            return false;
        }

        if (!HttpProtocol.IsHttp2(http.Request.Protocol))
        {
            http.Response.StatusCode = StatusCodes.Status426UpgradeRequired;
            http.Response.Headers[GrpcProtocol.StatusHeader] = ((int)GrpcStatusCode.Internal).ToString(System.Globalization.CultureInfo.InvariantCulture);
            http.Response.Headers[GrpcProtocol.MessageHeader] = GrpcMessageText.Encode($"gRPC needs HTTP/2; the request came over {http.Request.Protocol}.");
            return false;
        }

        if (http.Request.Headers.TryGetValue(GrpcProtocol.EncodingHeader, out var encoding) && encoding.ToString() is { Length: > 0 } name && name != "identity")
        {
            http.Response.Headers[GrpcProtocol.AcceptEncodingHeader] = "identity";
            WriteTrailersOnly(http, GrpcStatusCode.Unimplemented, $"Message encoding '{name}' is not supported; send messages uncompressed (identity).", null);
            return false;
        }

        return true;
    }

    private async Task<TRequest> ReadSingleMessageAsync<TRequest>(HttpContext http, MessageParser<TRequest> parser, CancellationToken cancellationToken)
        where TRequest : IMessage<TRequest>
    {
        var body = http.Request.Body;
        var bytes = await GrpcFrame.ReadAsync(body, options.MaxReceiveMessageBytes, cancellationToken).ConfigureAwait(false)
            ?? throw new GrpcWireException(GrpcStatusCode.Internal, "The request has no message; this method takes exactly one.");
        if (await GrpcFrame.ReadAsync(body, options.MaxReceiveMessageBytes, cancellationToken).ConfigureAwait(false) is not null)
        {
            throw new GrpcWireException(GrpcStatusCode.Internal, "The request has more than one message; this method takes exactly one.");
        }

        return parser.ParseFrom(bytes);
    }

    private async Task WriteMessageAsync(HttpContext http, IMessage message, CancellationToken cancellationToken)
    {
        var bytes = message.ToByteArray();
        if (bytes.Length > options.MaxSendMessageBytes)
        {
            throw new GrpcWireException(GrpcStatusCode.ResourceExhausted, $"The response message is {bytes.Length} bytes, over the server's send limit of {options.MaxSendMessageBytes}.");
        }

        StartResponse(http);
        await http.Response.Body.WriteAsync(GrpcFrame.ToArray(bytes), cancellationToken).ConfigureAwait(false);
        await http.Response.Body.FlushAsync(cancellationToken).ConfigureAwait(false);
    }

    private static void StartResponse(HttpContext http)
    {
        if (!http.Response.HasStarted)
        {
            http.Response.StatusCode = StatusCodes.Status200OK;
            http.Response.ContentType = GrpcProtocol.ContentType;
            http.Response.Headers[GrpcProtocol.AcceptEncodingHeader] = "identity";
        }
    }

    /// <summary>Ends the call: trailers after a body, or a trailers-only response when nothing was sent.</summary>
    private static void Finish(HttpContext http, GrpcStatusCode status, string? detail, IReadOnlyDictionary<string, string>? trailers)
    {
        if (!http.Response.HasStarted)
        {
            WriteTrailersOnly(http, status, detail, trailers);
            return;
        }

        if (http.Features.Get<IHttpResponseTrailersFeature>() is null)
        {
            return;
        }

        http.Response.AppendTrailer(GrpcProtocol.StatusHeader, ((int)status).ToString(System.Globalization.CultureInfo.InvariantCulture));
        if (!string.IsNullOrEmpty(detail))
        {
            http.Response.AppendTrailer(GrpcProtocol.MessageHeader, GrpcMessageText.Encode(detail));
        }

        foreach (var (name, value) in trailers ?? new Dictionary<string, string>())
        {
            http.Response.AppendTrailer(name, value);
        }
    }

    private static void WriteTrailersOnly(HttpContext http, GrpcStatusCode status, string? detail, IReadOnlyDictionary<string, string>? trailers)
    {
        http.Response.StatusCode = StatusCodes.Status200OK;
        http.Response.ContentType = GrpcProtocol.ContentType;
        var headers = http.Response.Headers;
        headers[GrpcProtocol.StatusHeader] = ((int)status).ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (!string.IsNullOrEmpty(detail))
        {
            headers[GrpcProtocol.MessageHeader] = GrpcMessageText.Encode(detail);
        }

        foreach (var (name, value) in trailers ?? new Dictionary<string, string>())
        {
            headers[name] = value;
        }
    }

    /// <summary>Reads and discards a request body we will not process, so the stream closes cleanly.</summary>
    private static async Task DrainAsync(HttpContext http)
    {
        try
        {
            var buffer = new byte[4096];
            while (await http.Request.Body.ReadAsync(buffer, http.RequestAborted).ConfigureAwait(false) > 0)
            {
            }
        }
        catch (Exception ex) when (ex is IOException or OperationCanceledException or BadHttpRequestException)
        {
            // The client is gone or sent too much; the status below still goes out if it can.
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "A gRPC handler for {Path} failed")]
    private static partial void LogHandlerFailed(ILogger logger, Exception exception, PathString path);

    [LoggerMessage(Level = LogLevel.Debug, Message = "The client of {Path} cancelled or disconnected")]
    private static partial void LogClientGone(ILogger logger, PathString path);

    private sealed class StreamWriter<T>(GrpcServerCall call, HttpContext http) : IServerStreamWriter<T>
        where T : IMessage<T>
    {
        public Task WriteAsync(T message, CancellationToken cancellationToken) => call.WriteMessageAsync(http, message, cancellationToken);

        public void WriteFrame(ReadOnlySpan<byte> frame)
        {
            var length = frame.Length - GrpcProtocol.FrameHeaderLength;
            if (length > call.MaxSendMessageBytes)
            {
                throw new GrpcWireException(GrpcStatusCode.ResourceExhausted, $"The response message is {length} bytes, over the server's send limit of {call.MaxSendMessageBytes}.");
            }

            StartResponse(http);
            http.Response.BodyWriter.Write(frame);
        }

        public async Task SendHeadersAsync(IReadOnlyDictionary<string, string> headers, CancellationToken cancellationToken)
        {
            StartResponse(http);
            foreach (var (name, value) in headers)
            {
                http.Response.Headers[name] = value;
            }

            await http.Response.StartAsync(cancellationToken).ConfigureAwait(false);
            await http.Response.BodyWriter.FlushAsync(cancellationToken).ConfigureAwait(false);
        }

        public async Task FlushAsync(CancellationToken cancellationToken) =>
            await http.Response.BodyWriter.FlushAsync(cancellationToken).ConfigureAwait(false);
    }
}
