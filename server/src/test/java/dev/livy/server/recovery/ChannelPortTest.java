package dev.livy.server.recovery;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import org.junit.jupiter.api.Test;

/** With recovery on and no fixed port, a restarted server binds the port its drivers reconnect to. */
class ChannelPortTest {
    @Test
    void aRestartedServerBindsThePortTheLastOneStored() throws IOException {
        InMemoryStateStore store = new InMemoryStateStore();
        assertEquals(0, ChannelPort.toBind(store, 0), "the first start picks any free port");

        ChannelPort.remember(store, 41234);

        assertEquals(41234, ChannelPort.toBind(store, 0));
        assertEquals(10000, ChannelPort.toBind(store, 10000), "a fixed port is used as configured");
    }

    @Test
    void withRecoveryOffThePortIsTheConfiguredOne() throws IOException {
        ChannelPort.remember(StateStore.DISABLED, 41234);

        assertEquals(0, ChannelPort.toBind(StateStore.DISABLED, 0));
    }
}
