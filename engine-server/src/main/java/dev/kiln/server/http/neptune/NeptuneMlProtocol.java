package dev.kiln.server.http.neptune;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.kiln.api.error.KilnApiException;
import dev.kiln.api.neptune.MlErrorBody;
import dev.kiln.api.neptune.NeptuneJson;
import dev.kiln.api.neptune.NeptuneMlException;
import dev.kiln.api.neptune.StartMLDataProcessingJobRequest;
import dev.kiln.api.neptune.StartMLModelTrainingJobRequest;
import dev.kiln.server.http.HttpCall;
import dev.kiln.server.http.HttpReply;
import dev.kiln.server.http.Protocol;
import dev.kiln.server.http.auth.RequestAuthenticator;
import dev.kiln.server.neptune.NeptuneMlService;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/**
 * Neptune ML's REST-JSON protocol: {@code POST /ml/dataprocessing} and {@code /ml/modeltraining}
 * start a job, {@code GET /ml/<command>} lists ({@code ?maxItems=}), {@code GET /ml/<command>/<id>}
 * answers its status, {@code DELETE /ml/<command>/<id>} stops it ({@code ?clean=true}). Errors are
 * neptunedata's {@code {"code", "requestId", "detailedMessage"}}. Requests are signed for {@code neptune-db}
 * when the endpoint checks signatures.
 */
public final class NeptuneMlProtocol implements Protocol {
    private static final String CONTENT_TYPE = "application/json";
    private static final System.Logger LOG = System.getLogger(NeptuneMlProtocol.class.getName());

    private final NeptuneMlService service;
    private final RequestAuthenticator authenticator;

    public NeptuneMlProtocol(NeptuneMlService service, RequestAuthenticator authenticator) {
        this.service = service;
        this.authenticator = authenticator;
    }

    @Override
    public boolean accepts(HttpCall call) {
        return call.header("X-Amz-Target") == null && command(call.rawPath()) != null;
    }

    @Override
    public HttpReply handle(HttpCall call) {
        try {
            authenticator.verify(call, "neptune-db");
            return reply(200, dispatch(call));
        } catch (KilnApiException e) {
            return reply(e.httpStatus(), e instanceof NeptuneMlException n ? n.body()
                    : new MlErrorBody(e.errorCode(), UUID.randomUUID().toString(), e.getMessage()));
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.ERROR, "internal error answering " + call.method() + " " + call.rawPath(), e);
            return reply(500, new MlErrorBody("InternalFailureException", UUID.randomUUID().toString(),
                    "The request processing has failed because of an unknown error."));
        }
    }

    private Object dispatch(HttpCall call) {
        String command = command(call.rawPath());
        String rest = call.rawPath().substring(("/ml/" + command).length());
        String id = rest.length() > 1 ? URLDecoder.decode(rest.substring(1), StandardCharsets.UTF_8) : null;
        Map<String, String> query = query(call.rawQuery());
        boolean training = command.equals("modeltraining");
        switch (call.method() + (id == null ? "" : " id")) {
            case "POST" -> {
                String body = new String(call.body(), StandardCharsets.UTF_8);
                return training ? service.startModelTraining(NeptuneJson.parse(body, StartMLModelTrainingJobRequest.class))
                        : service.startDataProcessing(NeptuneJson.parse(body, StartMLDataProcessingJobRequest.class));
            }
            case "GET" -> {
                Integer maxItems = integer(query.get("maxItems"));
                return training ? service.listModelTraining(maxItems) : service.listDataProcessing(maxItems);
            }
            case "GET id" -> {
                return training ? service.getModelTraining(id) : service.getDataProcessing(id);
            }
            case "DELETE id" -> {
                boolean clean = "true".equalsIgnoreCase(query.get("clean"));
                return training ? service.cancelModelTraining(id, clean) : service.cancelDataProcessing(id, clean);
            }
            default -> throw new NeptuneMlException("UnsupportedOperationException", 400, call.method() + " "
                    + call.rawPath() + " is not an operation of /ml/" + command);
        }
    }

    /** {@code dataprocessing} or {@code modeltraining} for a path under them, else null. */
    private static String command(String path) {
        for (String c : new String[] {"dataprocessing", "modeltraining"}) {
            String base = "/ml/" + c;
            if (path.equals(base) || path.equals(base + "/") || (path.startsWith(base + "/") && path.indexOf('/', base.length() + 1) < 0)) {
                return c;
            }
        }
        return null;
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> q = new HashMap<>();
        if (raw == null || raw.isEmpty()) {
            return q;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            q.put(k, eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return q;
    }

    private static Integer integer(String v) {
        if (v == null) {
            return null;
        }
        try {
            return Integer.valueOf(v);
        } catch (NumberFormatException e) {
            throw NeptuneMlException.invalidParameter("maxItems must be an integer, got '" + v + "'");
        }
    }

    private static HttpReply reply(int status, Object body) {
        try {
            return HttpReply.json(status, CONTENT_TYPE, NeptuneJson.mapper().writeValueAsString(body));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
