package dev.kiln.server.http.awsjson;

import dev.kiln.api.error.KilnApiException;
import dev.kiln.api.json.Json;
import dev.kiln.server.http.HttpCall;
import dev.kiln.server.http.HttpReply;
import dev.kiln.server.http.Protocol;
import dev.kiln.server.http.auth.RequestAuthenticator;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The awsJson1_1 protocol: {@code POST /} with {@code X-Amz-Target: <Prefix>.<Operation>} and an
 * {@code application/x-amz-json-1.1} body. The target picks the service, the service's signing name
 * is what the signature must be scoped to, and errors are {@code {"__type", "message"}} bodies with
 * the service's status codes. A failure inside Kiln is a 500 InternalFailure without details.
 */
public final class AwsJsonProtocol implements Protocol {
    private static final System.Logger LOG = System.getLogger("dev.kiln.server.http");
    private static final String UNKNOWN_OPERATION = "UnknownOperationException";
    private static final byte[] EMPTY_OBJECT = "{}".getBytes(StandardCharsets.UTF_8);

    private final Map<String, AwsJsonService> services;
    private final RequestAuthenticator authenticator;

    public AwsJsonProtocol(List<AwsJsonService> services, RequestAuthenticator authenticator) {
        this.services = services.stream().collect(Collectors.toUnmodifiableMap(AwsJsonService::targetPrefix, Function.identity()));
        this.authenticator = authenticator;
    }

    @Override
    public boolean accepts(HttpCall call) {
        return call.header("X-Amz-Target") != null || ("POST".equals(call.method()) && "/".equals(call.rawPath()));
    }

    @Override
    public HttpReply handle(HttpCall call) {
        try {
            return dispatch(call);
        } catch (KilnApiException e) {
            return AwsJsonError.reply(e.httpStatus(), e.errorCode(), e.getMessage());
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.ERROR, "internal error answering " + call.header("X-Amz-Target"), e);
            return AwsJsonError.reply(500, "InternalFailure",
                    "The request processing has failed because of an unknown error, exception or failure.");
        }
    }

    private HttpReply dispatch(HttpCall call) {
        String target = call.header("X-Amz-Target");
        if (target == null || target.isBlank()) {
            return unknown("Missing X-Amz-Target header: awsJson1_1 requests name their operation as "
                    + "X-Amz-Target: <Service>.<Operation>, for example SageMaker.DescribeTrainingJob.");
        }
        int dot = target.lastIndexOf('.');
        AwsJsonService service = dot <= 0 ? null : services.get(target.substring(0, dot));
        if (service == null) {
            return unknown("Unknown X-Amz-Target '" + target + "': this endpoint serves " + String.join(", ", services.keySet()) + ".");
        }
        authenticator.verify(call, service.signingName());
        if (!"POST".equals(call.method())) {
            return unknown("awsJson1_1 operations are called with POST, not " + call.method() + ".");
        }
        if (!jsonContentType(call.header("Content-Type"))) {
            return unknown("Content-Type '" + call.header("Content-Type") + "' is not application/x-amz-json-1.1.");
        }
        String name = target.substring(dot + 1);
        Optional<AwsJsonService.Operation<?>> operation = service.find(name);
        if (operation.isEmpty()) {
            return unknown("Operation " + name + " is not supported by " + service.targetPrefix() + " on this endpoint; supported: "
                    + String.join(", ", service.operationNames()) + ".");
        }
        Object result = operation.get().invoke(new String(call.body(), StandardCharsets.UTF_8));
        byte[] body = result == null ? EMPTY_OBJECT : Json.write(result).getBytes(StandardCharsets.UTF_8);
        return new HttpReply(200, AwsJsonError.CONTENT_TYPE, body);
    }

    private static boolean jsonContentType(String contentType) {
        if (contentType == null) {
            return false;
        }
        int semicolon = contentType.indexOf(';');
        String type = (semicolon < 0 ? contentType : contentType.substring(0, semicolon)).strip().toLowerCase(Locale.ROOT);
        return type.equals("application/x-amz-json-1.1") || type.equals("application/x-amz-json-1.0");
    }

    private static HttpReply unknown(String message) {
        return AwsJsonError.reply(400, UNKNOWN_OPERATION, message);
    }
}
