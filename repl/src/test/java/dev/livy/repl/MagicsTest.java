package dev.livy.repl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class MagicsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Function<String, Object> VALUES = name -> {
        if (name.equals("numbers")) {
            return List.of(1, 2);
        }
        if (name.equals("thing")) {
            return new Object();
        }
        throw new NoSuchElementException(name);
    };

    @Test
    void jsonShowsTheValue() throws Exception {
        assertEquals(JSON.readTree("{\"application/json\":[1,2]}"),
                Magics.run(new CodeChunks.Magic("json", "numbers"), VALUES));
    }

    @Test
    void tableShowsTheValueAsATable() throws Exception {
        assertEquals(JSON.readTree("{\"application/vnd.livy.table.v1+json\":{\"headers\":[{\"name\":\"0\","
                        + "\"type\":\"INT_TYPE\"}],\"data\":[[1],[2]]}}"),
                Magics.run(new CodeChunks.Magic("table", "numbers"), VALUES));
    }

    @Test
    void failuresNameTheirKind() {
        assertFailure("UnknownMagic", "unknown magic command 'plot'", new CodeChunks.Magic("plot", "numbers"));
        assertFailure("UnknownMagic", "magic command not specified", new CodeChunks.Magic("", ""));
        assertFailure("ValueError", "%json needs a variable name", new CodeChunks.Magic("json", ""));
        assertFailure("NameError", "name 'missing' is not defined", new CodeChunks.Magic("json", "missing"));
        assertFailure("TypeError", "Object of type java.lang.Object is not JSON serializable",
                new CodeChunks.Magic("json", "thing"));
    }

    private static void assertFailure(String ename, String evalue, CodeChunks.Magic magic) {
        Magics.MagicFailure failure = assertThrows(Magics.MagicFailure.class, () -> Magics.run(magic, VALUES));
        assertEquals(Map.of(ename, evalue), Map.of(failure.ename(), failure.evalue()));
    }
}
