package dev.livy.server.api;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.type.LogicalType;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import java.io.IOException;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Parses request bodies into request records, strictly: malformed JSON, unknown fields, wrong types and trailing
 * garbage each become a 400 that names the problem. Thread-safe.
 */
public final class JsonBodies {
    private final ObjectMapper mapper = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

    public JsonBodies() {
        // {"file": 3} is a mistake to report, not a string to guess; conf values opt back in (ScalarText).
        mapper.coercionConfigFor(LogicalType.Textual)
                .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
    }

    /** Parses the body; an empty body yields {@code whenEmpty} (null means the body is required). */
    public <T> T parse(byte[] body, Class<T> type, T whenEmpty) {
        if (body == null || isBlank(body)) {
            if (whenEmpty == null) {
                throw ApiException.badRequest("The request needs a JSON body.");
            }
            return whenEmpty;
        }
        try {
            T value = mapper.readValue(body, type);
            if (value == null) {
                throw ApiException.badRequest("The request body must be a JSON object, not null.");
            }
            return value;
        } catch (JsonParseException e) {
            throw ApiException.badRequest("Malformed JSON in the request body: " + e.getOriginalMessage());
        } catch (UnrecognizedPropertyException e) {
            throw ApiException.badRequest("Unknown field '" + e.getPropertyName() + "' in the request; known fields: "
                    + knownFields(e.getKnownPropertyIds()) + ".");
        } catch (ValueInstantiationException e) {
            throw ApiException.badRequest("Invalid request: " + rootMessage(e));
        } catch (MismatchedInputException e) {
            throw ApiException.badRequest(mismatch(e));
        } catch (JsonMappingException e) {
            throw ApiException.badRequest("Invalid request body: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw ApiException.badRequest("Cannot read the request body: " + e.getMessage());
        }
    }

    private static String mismatch(MismatchedInputException e) {
        String field = fieldPath(e);
        if (field.isEmpty()) {
            return "The request body must be a JSON object.";
        }
        return "Field '" + field + "' must be " + describe(e.getTargetType()) + ".";
    }

    private static String fieldPath(JsonMappingException e) {
        return e.getPath().stream()
                .map(reference -> reference.getFieldName() != null
                        ? reference.getFieldName() : "[" + reference.getIndex() + "]")
                .collect(Collectors.joining(".")).replace(".[", "[");
    }

    private static String describe(Class<?> type) {
        if (type == null) {
            return "of another type";
        }
        if (type == Integer.class || type == int.class || type == Long.class || type == long.class) {
            return "an integer";
        }
        if (type == String.class) {
            return "a string";
        }
        if (List.class.isAssignableFrom(type) || type.isArray()) {
            return "a list of strings";
        }
        if (Map.class.isAssignableFrom(type)) {
            return "an object whose values are strings";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        return "a JSON object";
    }

    private static String knownFields(Collection<Object> known) {
        return known == null ? "" : new TreeSet<>(known.stream().map(String::valueOf).toList()).toString();
    }

    private static String rootMessage(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause instanceof NullPointerException ? "null is not allowed inside lists or conf" : cause.getMessage();
    }

    private static boolean isBlank(byte[] body) {
        for (byte b : body) {
            if (!Character.isWhitespace(b)) {
                return false;
            }
        }
        return true;
    }
}
