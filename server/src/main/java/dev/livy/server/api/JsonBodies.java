package dev.livy.server.api;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.InputCoercionException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.type.LogicalType;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import dev.livy.server.error.LivyException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Parses request bodies into request records, strictly: invalid UTF-8, malformed JSON, unknown fields, wrong types
 * and trailing garbage each become a 400 that names the problem. Thread-safe.
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
                throw LivyException.invalid("The request needs a JSON body.");
            }
            return whenEmpty;
        }
        String text = strictUtf8(body);
        try {
            T value = mapper.readValue(text, type);
            if (value == null) {
                throw LivyException.invalid("The request body must be a JSON object, not null.");
            }
            return value;
        } catch (UnrecognizedPropertyException e) {
            throw LivyException.invalid("Unknown field '" + e.getPropertyName() + "' in the request; known fields: "
                    + knownFields(e.getKnownPropertyIds()) + ".");
        } catch (ValueInstantiationException e) {
            throw LivyException.invalid("Invalid request: " + rootMessage(e));
        } catch (MismatchedInputException e) {
            throw LivyException.invalid(mismatch(e));
        } catch (JsonMappingException e) {
            if (e.getCause() instanceof InputCoercionException) {
                throw LivyException.invalid("Field '" + fieldPath(e) + "' is out of range.");
            }
            throw LivyException.invalid(e.getCause() instanceof JsonProcessingException syntax
                    ? JsonSyntax.describe(syntax) : "Invalid request body: " + e.getOriginalMessage());
        } catch (JsonProcessingException e) {
            throw LivyException.invalid(JsonSyntax.describe(e));
        }
    }

    /** Decodes strictly: Jackson would accept overlong forms such as {@code C0 AF} for '/', so they are refused. */
    private static String strictUtf8(byte[] body) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(body);
        CharBuffer out = CharBuffer.allocate(body.length);
        CoderResult result = decoder.decode(in, out, true);
        if (result.isUnderflow()) {
            result = decoder.flush(out);
        }
        if (result.isError()) {
            throw LivyException.invalid("The request body is not valid UTF-8: the bytes at offset " + in.position()
                    + " are not a UTF-8 character.");
        }
        return out.flip().toString();
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
