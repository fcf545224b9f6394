package dev.kiln.server.http.awsjson;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.kiln.api.json.Json;
import dev.kiln.server.http.HttpReply;

/** An awsJson error body, {@code {"__type": "ValidationException", "message": "..."}}, as the services send it. */
@JsonPropertyOrder({"__type", "message"})
public record AwsJsonError(@JsonProperty("__type") String type, @JsonProperty("message") String message) {
    public static final String CONTENT_TYPE = "application/x-amz-json-1.1";

    public HttpReply reply(int status) {
        return HttpReply.json(status, CONTENT_TYPE, Json.write(this));
    }

    public static HttpReply reply(int status, String code, String message) {
        return new AwsJsonError(code, message).reply(status);
    }
}
