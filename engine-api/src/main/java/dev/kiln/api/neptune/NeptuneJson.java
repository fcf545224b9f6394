package dev.kiln.api.neptune;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import dev.kiln.api.json.Json;
import java.io.UncheckedIOException;

/**
 * Jackson for the Neptune data API: the same strictness as {@link Json} (unknown fields and wrong
 * scalar types rejected) but camelCase wire names, as neptunedata writes them.
 */
public final class NeptuneJson {
    private static final ObjectMapper MAPPER = Json.mapper().copy()
            .setPropertyNamingStrategy(PropertyNamingStrategies.LOWER_CAMEL_CASE);

    private NeptuneJson() {}

    public static ObjectMapper mapper() {
        return MAPPER;
    }

    /** Parses a request; a malformed or mistyped body is an InvalidParameterException naming the problem. */
    public static <T> T parse(String json, Class<T> type) {
        try {
            return MAPPER.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw NeptuneMlException.invalidParameter("Malformed request: " + e.getOriginalMessage());
        }
    }

    public static String pretty(Object value) {
        try {
            return MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
