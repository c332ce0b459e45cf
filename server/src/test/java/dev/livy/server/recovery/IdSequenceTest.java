package dev.livy.server.recovery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class IdSequenceTest {
    private final InMemoryStateStore store = new InMemoryStateStore();

    @Test
    void idsContinueAfterARestartWithoutReuse() throws Exception {
        IdSequence first = IdSequence.load(store, "ids/session", 0);
        assertEquals(0, first.next());
        assertEquals(1, first.next());

        IdSequence afterRestart = IdSequence.load(store, "ids/session", 0);

        assertEquals(2, afterRestart.next());
    }

    @Test
    void recoveredEntriesAboveTheStoredValueWin() throws Exception {
        store.put("ids/batch", "3".getBytes(StandardCharsets.UTF_8));

        assertEquals(8, IdSequence.load(store, "ids/batch", 8).next());
    }

    @Test
    void anIdIsNotHandedOutWhenItCannotBeStored() throws Exception {
        IdSequence ids = IdSequence.load(store, "ids/session", 0);
        store.failWrites(true);

        assertThrows(IOException.class, ids::next);
        store.failWrites(false);
        assertEquals(0, ids.next());
    }

    @Test
    void aStoredValueThatIsNotANumberIsReportedWithItsKey() throws Exception {
        store.put("ids/session", "x1".getBytes(StandardCharsets.UTF_8));

        IOException e = assertThrows(IOException.class, () -> IdSequence.load(store, "ids/session", 0));
        assertTrue(e.getMessage().contains("ids/session"), e.getMessage());
    }

    @Test
    void theDisabledStoreStartsFromZeroEveryTime() throws Exception {
        IdSequence ids = IdSequence.load(StateStore.DISABLED, "ids/session", 0);
        ids.next();

        assertEquals(0, IdSequence.load(StateStore.DISABLED, "ids/session", 0).next());
    }
}
