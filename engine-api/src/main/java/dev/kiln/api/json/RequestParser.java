package dev.kiln.api.json;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import dev.kiln.api.error.ValidationException;
import java.util.stream.Collectors;

/**
 * Reads a request body into its record, turning every JSON problem into a ValidationException that
 * names the field and position (never a stack trace): malformed JSON, unknown fields, wrong types.
 */
public final class RequestParser {
    private RequestParser() {}

    public static <T> T parse(String json, Class<T> type) {
        if (json == null || json.isBlank()) {
            throw new ValidationException("The request body is empty; expected a JSON object for " + simple(type));
        }
        try {
            T value = Json.read(json, type);
            if (value == null) {
                throw new ValidationException("The request body is null; expected a JSON object for " + simple(type));
            }
            return value;
        } catch (UnrecognizedPropertyException e) {
            String known = e.getKnownPropertyIds() == null ? "" : e.getKnownPropertyIds().stream()
                    .map(Object::toString).sorted().collect(Collectors.joining(", "));
            throw new ValidationException("Unknown parameter in input: \"" + e.getPropertyName() + "\"" + at(e)
                    + ", must be one of: " + known);
        } catch (InvalidFormatException e) {
            throw new ValidationException("Invalid type for parameter " + path(e) + ", value: " + e.getValue()
                    + ", type: " + simple(e.getValue() == null ? Object.class : e.getValue().getClass())
                    + ", valid types: " + expected(e.getTargetType()) + where(e.getLocation()));
        } catch (MismatchedInputException e) {
            throw new ValidationException("Invalid type for parameter " + path(e) + ", valid types: "
                    + expected(e.getTargetType()) + where(e.getLocation()));
        } catch (JsonMappingException e) {
            throw new ValidationException("Invalid value for parameter " + path(e) + ": " + e.getOriginalMessage()
                    + where(e.getLocation()));
        } catch (JsonProcessingException e) {
            throw new ValidationException("Malformed JSON request body: " + e.getOriginalMessage() + where(e.getLocation()));
        }
    }

    private static String at(JsonMappingException e) {
        String p = path(e);
        int dot = p.lastIndexOf('.');
        String parent = dot < 0 ? "" : p.substring(0, dot);
        return (parent.isEmpty() ? "" : " at " + parent) + where(e.getLocation());
    }

    /** The field path as the AWS CLI writes it: {@code InputDataConfig[0].ChannelName}. */
    private static String path(JsonMappingException e) {
        StringBuilder sb = new StringBuilder();
        for (JsonMappingException.Reference r : e.getPath()) {
            if (r.getFieldName() != null) {
                if (sb.length() > 0) {
                    sb.append('.');
                }
                sb.append(r.getFieldName());
            } else if (r.getIndex() >= 0) {
                sb.append('[').append(r.getIndex()).append(']');
            }
        }
        return sb.length() == 0 ? "(root)" : sb.toString();
    }

    private static String where(JsonLocation loc) {
        return loc == null || loc.getLineNr() < 0 ? "" : " (line " + loc.getLineNr() + ", column " + loc.getColumnNr() + ")";
    }

    private static String expected(Class<?> t) {
        if (t == null) {
            return "unknown";
        }
        if (t == String.class) {
            return "<class 'str'>";
        }
        if (t == Integer.class || t == int.class || t == Long.class || t == long.class) {
            return "<class 'int'>";
        }
        if (t == Double.class || t == double.class || t == Float.class) {
            return "<class 'float'>, <class 'int'>";
        }
        if (t == Boolean.class || t == boolean.class) {
            return "<class 'bool'>";
        }
        if (java.util.List.class.isAssignableFrom(t)) {
            return "<class 'list'>, <class 'tuple'>";
        }
        if (java.util.Map.class.isAssignableFrom(t) || t.isRecord()) {
            return "<class 'dict'>";
        }
        return simple(t);
    }

    private static String simple(Class<?> t) {
        return t.getSimpleName();
    }
}
