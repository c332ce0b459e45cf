package dev.livy.server.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.livy.common.api.LogView;
import dev.livy.server.error.LivyException;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class LogSliceTest {
    private final List<String> lines = IntStream.range(0, 250).mapToObj(i -> "line " + i).toList();

    @Test
    void withoutFromGivesTheLastHundredLines() {
        LogView view = LogSlice.of(4, lines, null, null);

        assertEquals(4, view.id());
        assertEquals(150, view.from());
        assertEquals(100, view.size());
        assertEquals(250, view.total());
        assertEquals("line 150", view.log().get(0));
        assertEquals("line 249", view.log().get(99));
    }

    @Test
    void fromAndSizeSelectAWindow() {
        LogView view = LogSlice.of(4, lines, "10", "3");

        assertEquals(List.of("line 10", "line 11", "line 12"), view.log());
        assertEquals(10, view.from());
        assertEquals(3, view.size());
    }

    @Test
    void sizeMinusOneMeansAllKeptLines() {
        assertEquals(250, LogSlice.of(4, lines, null, "-1").size());
        assertEquals(240, LogSlice.of(4, lines, "10", "-1").size());
    }

    @Test
    void pastTheEndIsEmpty() {
        LogView view = LogSlice.of(4, lines, "1000", "10");

        assertEquals(250, view.from());
        assertEquals(0, view.size());
    }

    @Test
    void rejectsNonIntegers() {
        assertEquals("Query parameter 'size' must be an integer, not 'ten'.",
                assertThrows(LivyException.class, () -> LogSlice.of(1, lines, null, "ten")).getMessage());
        assertEquals("Query parameter 'from' must not be negative.",
                assertThrows(LivyException.class, () -> LogSlice.of(1, lines, "-5", "1")).getMessage());
    }
}
