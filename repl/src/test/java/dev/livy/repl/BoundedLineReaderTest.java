package dev.livy.repl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class BoundedLineReaderTest {

    @Test
    void readsLinesUpToTheBoundAndTheEnd() throws IOException {
        BoundedLineReader reader = reader("first\n\n" + "é".repeat(5) + "\nlast without newline", 20);

        assertEquals("first", reader.readLine());
        assertEquals("", reader.readLine());
        assertEquals("ééééé", reader.readLine());
        assertEquals("last without newline", reader.readLine());
        assertNull(reader.readLine());
    }

    @Test
    void aLongerLineIsSkippedWithItsLengthAndTheNextLineReadsInStep() throws IOException {
        String longLine = "y".repeat(200 * 1024);
        BoundedLineReader reader = reader("ok\n" + longLine + "\nafter\n" + "z".repeat(101), 100);

        assertEquals("ok", reader.readLine());
        BoundedLineReader.LineTooLongException tooLong =
                assertThrows(BoundedLineReader.LineTooLongException.class, reader::readLine);
        assertEquals(200 * 1024, tooLong.length());
        assertEquals("after", reader.readLine());
        assertEquals(101, assertThrows(BoundedLineReader.LineTooLongException.class, reader::readLine).length());
        assertNull(reader.readLine());
    }

    private static BoundedLineReader reader(String text, int maxBytes) {
        return new BoundedLineReader(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), maxBytes);
    }
}
