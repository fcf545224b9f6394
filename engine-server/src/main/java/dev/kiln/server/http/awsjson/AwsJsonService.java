package dev.kiln.server.http.awsjson;

import dev.kiln.api.json.RequestParser;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * One awsJson1_1 service: its {@code X-Amz-Target} prefix (for example {@code SageMaker}), the
 * service name its requests are signed for (for example {@code sagemaker}), and its operations.
 * Adding an operation is one {@link #operation} call; operations may be added while serving.
 */
public final class AwsJsonService {
    private final String targetPrefix;
    private final String signingName;
    private final Map<String, Operation<?>> operations = new ConcurrentHashMap<>();

    public AwsJsonService(String targetPrefix, String signingName) {
        this.targetPrefix = targetPrefix;
        this.signingName = signingName;
    }

    /**
     * Registers operation {@code name}: its body is read into {@code input} (a ValidationException
     * names any JSON problem) and {@code handler}'s result is the response body.
     */
    public <I> AwsJsonService operation(String name, Class<I> input, Function<I, ?> handler) {
        if (operations.putIfAbsent(name, new Operation<>(input, handler)) != null) {
            throw new IllegalArgumentException(targetPrefix + "." + name + " is registered twice");
        }
        return this;
    }

    public String targetPrefix() {
        return targetPrefix;
    }

    public String signingName() {
        return signingName;
    }

    public Optional<Operation<?>> find(String name) {
        return Optional.ofNullable(operations.get(name));
    }

    public Set<String> operationNames() {
        return new TreeSet<>(operations.keySet());
    }

    /** A registered operation: how to read its input and what answers it. */
    public record Operation<I>(Class<I> input, Function<I, ?> handler) {
        /** Parses the body and runs the handler; its result is serialized as the response. */
        public Object invoke(String body) {
            return handler.apply(RequestParser.parse(body, input));
        }
    }
}
