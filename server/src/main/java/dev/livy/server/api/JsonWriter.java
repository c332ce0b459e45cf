package dev.livy.server.api;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.ext.MessageBodyWriter;
import jakarta.ws.rs.ext.Provider;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.annotation.Annotation;
import java.lang.reflect.Type;

/** Writes every response entity (but ready bytes) as JSON with one shared, thread-safe {@link ObjectWriter}. */
@Provider
@Produces(MediaType.APPLICATION_JSON)
public final class JsonWriter implements MessageBodyWriter<Object> {
    private final ObjectWriter writer = new ObjectMapper().disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET).writer();

    @Override
    public boolean isWriteable(Class<?> type, Type genericType, Annotation[] annotations, MediaType mediaType) {
        // Error bodies come as bytes already written by ErrorBody: Jersey's own provider sends them as they are.
        return type != byte[].class;
    }

    @Override
    public void writeTo(Object value, Class<?> type, Type genericType, Annotation[] annotations, MediaType mediaType,
            MultivaluedMap<String, Object> headers, OutputStream out) throws IOException {
        writer.writeValue(out, value);
    }
}
