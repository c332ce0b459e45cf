package dev.livy.common.protocol;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.core.json.UTF8StreamJsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import com.fasterxml.jackson.databind.util.TokenBuffer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * One JSON value kept as its UTF-8 bytes: a statement's output passes from the driver's frame to the client's
 * {@code GET} as the driver wrote it, never parsed into a tree or written again (the server never looks inside an
 * output). Written as those bytes wherever Jackson writes it. Read as a slice of the source by {@link #read}; by
 * any other read (from a tree, for example) it is parsed and written once. Immutable; the bytes are never handed
 * out.
 */
@JsonSerialize(using = RawJson.Writer.class)
@JsonDeserialize(using = RawJson.Reader.class)
public final class RawJson {
    /** The reader attribute holding the {@code byte[]} being parsed, for {@link Reader} to slice values from. */
    private static final String SOURCE = RawJson.class.getName() + ".source";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final byte[] utf8;

    private RawJson(byte[] utf8) {
        this.utf8 = utf8;
    }

    /** The value written as JSON. */
    public static RawJson of(JsonNode value) {
        try {
            return new RawJson(JSON.writeValueAsBytes(value));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reads {@code json} as a {@code type} whose {@link RawJson} values are slices of {@code json}. */
    public static <T> T read(ObjectMapper mapper, byte[] json, Class<T> type) throws IOException {
        return mapper.readerFor(type).withAttribute(SOURCE, json).readValue(json);
    }

    /** An object {@code prefix + value + suffix}, all three JSON text the caller vouches for. */
    static RawJson wrap(byte[] prefix, RawJson value, byte[] suffix) {
        byte[] joined = new byte[prefix.length + value.utf8.length + suffix.length];
        System.arraycopy(prefix, 0, joined, 0, prefix.length);
        System.arraycopy(value.utf8, 0, joined, prefix.length, value.utf8.length);
        System.arraycopy(suffix, 0, joined, prefix.length + value.utf8.length, suffix.length);
        return new RawJson(joined);
    }

    /** Its size in bytes: what it costs to keep and to send. */
    public int size() {
        return utf8.length;
    }

    /** The value parsed into a tree: for the rare reader that looks inside (tests, a driver's checks). */
    public JsonNode tree() {
        try {
            return JSON.readTree(utf8);
        } catch (IOException e) {
            throw new UncheckedIOException("not JSON, which a RawJson never holds", e);
        }
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof RawJson raw && Arrays.equals(utf8, raw.utf8);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(utf8);
    }

    @Override
    public String toString() {
        return new String(utf8, StandardCharsets.UTF_8);
    }

    /** Writes the bytes as they are; into a token buffer (a tree being built) as the parsed value. */
    static final class Writer extends StdSerializer<RawJson> {
        Writer() {
            super(RawJson.class);
        }

        @Override
        public void serialize(RawJson value, JsonGenerator generator, SerializerProvider provider) throws IOException {
            if (generator instanceof TokenBuffer) {
                generator.writeTree(value.tree());
            } else {
                generator.writeRawValue(new Utf8Text(value.utf8));
            }
        }
    }

    /**
     * Slices an object or array out of the bytes {@link #read} reads after checking only its syntax; parses
     * anything else (a scalar, or a value from a source it was not given) and writes it once.
     */
    static final class Reader extends StdDeserializer<RawJson> {
        Reader() {
            super(RawJson.class);
        }

        @Override
        public RawJson deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            // Only a parser reading the source itself knows where in it a value is (one replaying buffered tokens,
            // as for a type id after other fields, does not).
            if (context.getAttribute(SOURCE) instanceof byte[] bytes && parser instanceof UTF8StreamJsonParser
                    && (parser.isExpectedStartObjectToken() || parser.isExpectedStartArrayToken())) {
                long start = parser.currentTokenLocation().getByteOffset();
                if (start >= 0 && start < bytes.length && (bytes[(int) start] == '{' || bytes[(int) start] == '[')) {
                    parser.skipChildren();
                    long end = parser.currentLocation().getByteOffset();
                    if (end <= start || end > bytes.length) {
                        throw context.instantiationException(RawJson.class, "a value ended outside its source");
                    }
                    return new RawJson(Arrays.copyOfRange(bytes, (int) start, (int) end));
                }
            }
            if (parser.currentToken() == JsonToken.VALUE_NULL) {
                return null;
            }
            return of(context.readTree(parser));
        }
    }

    /** Bytes that are already JSON text, for {@link JsonGenerator#writeRawValue(SerializableString)}. */
    private record Utf8Text(byte[] utf8) implements SerializableString {
        @Override
        public String getValue() {
            return new String(utf8, StandardCharsets.UTF_8);
        }

        @Override
        public int charLength() {
            return getValue().length();
        }

        @Override
        public byte[] asUnquotedUTF8() {
            return utf8;
        }

        @Override
        public int appendUnquotedUTF8(byte[] buffer, int offset) {
            if (buffer.length - offset < utf8.length) {
                return -1;
            }
            System.arraycopy(utf8, 0, buffer, offset, utf8.length);
            return utf8.length;
        }

        @Override
        public int appendUnquoted(char[] buffer, int offset) {
            String text = getValue();
            if (buffer.length - offset < text.length()) {
                return -1;
            }
            text.getChars(0, text.length(), buffer, offset);
            return text.length();
        }

        @Override
        public int writeUnquotedUTF8(OutputStream out) throws IOException {
            out.write(utf8);
            return utf8.length;
        }

        @Override
        public int putUnquotedUTF8(ByteBuffer buffer) {
            if (buffer.remaining() < utf8.length) {
                return -1;
            }
            buffer.put(utf8);
            return utf8.length;
        }

        // Quoted forms are never asked of a raw value; given for completeness, as a JSON string of the text.
        @Override
        public char[] asQuotedChars() {
            return quoted().asQuotedChars();
        }

        @Override
        public byte[] asQuotedUTF8() {
            return quoted().asQuotedUTF8();
        }

        @Override
        public int appendQuotedUTF8(byte[] buffer, int offset) {
            return quoted().appendQuotedUTF8(buffer, offset);
        }

        @Override
        public int appendQuoted(char[] buffer, int offset) {
            return quoted().appendQuoted(buffer, offset);
        }

        @Override
        public int writeQuotedUTF8(OutputStream out) throws IOException {
            return quoted().writeQuotedUTF8(out);
        }

        @Override
        public int putQuotedUTF8(ByteBuffer buffer) throws IOException {
            return quoted().putQuotedUTF8(buffer);
        }

        private SerializedString quoted() {
            return new SerializedString(getValue());
        }
    }
}
