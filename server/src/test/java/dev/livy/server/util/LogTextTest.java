package dev.livy.server.util;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.List;
import org.junit.jupiter.api.Test;

class LogTextTest {
    @Test
    void lineBreaksAndOtherControlsBecomeVisibleEscapes() {
        assertEquals("eve\\n2026-01-01 00:00:00.000 INFO  forged", LogText.escape(
                "eve\n2026-01-01 00:00:00.000 INFO  forged"));
        assertEquals("a\\r\\tb\\u0000c\\u001bd\\u007fe\\u0085f\\u2028g\\u2029h",
                LogText.escape("a\r\tb\u0000c\u001bd\u007fe\u0085f\u2028g\u2029h"));
    }

    @Test
    void ordinaryTextIsUnchanged() {
        String text = "/srv/jobs/étl \"x\".py \\n";
        assertSame(text, LogText.escape(text));
        assertEquals("[a, b\\nc]", LogText.escape(List.of("a", "b\nc")));
        assertEquals("null", LogText.escape(null));
    }
}
