package dev.kiln.api.json;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/** Reads epoch seconds (integer or fractional) or an ISO-8601 string, as the AWS CLI accepts both. */
final class EpochSecondsDeserializer extends StdDeserializer<Instant> {
    EpochSecondsDeserializer() {
        super(Instant.class);
    }

    @Override
    public Instant deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
        JsonToken t = p.currentToken();
        if (t == JsonToken.VALUE_NUMBER_INT || t == JsonToken.VALUE_NUMBER_FLOAT) {
            BigDecimal seconds = p.getDecimalValue();
            return Instant.ofEpochMilli(seconds.movePointRight(3).longValue());
        }
        if (t == JsonToken.VALUE_STRING) {
            String s = p.getText().trim();
            try {
                return Instant.parse(s);
            } catch (DateTimeParseException e) {
                try {
                    return Instant.ofEpochMilli(new BigDecimal(s).movePointRight(3).longValue());
                } catch (NumberFormatException n) {
                    return (Instant) ctxt.handleWeirdStringValue(Instant.class, s,
                            "expected epoch seconds or an ISO-8601 timestamp");
                }
            }
        }
        return (Instant) ctxt.handleUnexpectedToken(Instant.class, p);
    }
}
