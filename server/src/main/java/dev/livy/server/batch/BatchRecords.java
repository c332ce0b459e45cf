package dev.livy.server.batch;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.livy.server.recovery.StateStore;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The batches' entries in the state store: one JSON document per batch under {@code batches/<id>}. An entry that
 * cannot be read is skipped with a logged reason naming its key, so that the others recover. Thread-safe.
 */
final class BatchRecords {
    static final String ID_KEY = "ids/batch";
    private static final String PREFIX = "batches";
    private static final Logger LOG = LoggerFactory.getLogger(BatchRecords.class);

    private final StateStore store;
    private final ObjectMapper json = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    BatchRecords(StateStore store) {
        this.store = Objects.requireNonNull(store, "store");
    }

    static String key(int id) {
        return PREFIX + "/" + id;
    }

    /** Stores the entry durably. */
    void put(StoredBatch batch) throws IOException {
        store.put(key(batch.id()), json.writeValueAsBytes(batch));
    }

    void delete(int id) throws IOException {
        store.delete(key(id));
    }

    /** Every readable entry, in id order. */
    List<StoredBatch> readAll() throws IOException {
        List<StoredBatch> found = new ArrayList<>();
        for (String child : store.children(PREFIX)) {
            read(child).ifPresent(found::add);
        }
        found.sort(Comparator.comparingInt(StoredBatch::id));
        return List.copyOf(found);
    }

    private Optional<StoredBatch> read(String child) {
        String key = PREFIX + "/" + child;
        if (!child.matches("\\d{1,9}")) {
            LOG.warn("Skipping {} in the state store: not a batch id", key);
            return Optional.empty();
        }
        try {
            Optional<byte[]> value = store.get(key);
            if (value.isEmpty()) {
                return Optional.empty();
            }
            StoredBatch batch = json.readValue(value.get(), StoredBatch.class);
            if (batch.id() != Integer.parseInt(child)) {
                LOG.warn("Skipping {} in the state store: it holds batch {}", key, batch.id());
                return Optional.empty();
            }
            return Optional.of(batch);
        } catch (IOException | RuntimeException e) {
            String reason = e.getMessage() == null ? e.toString() : e.getMessage().lines().findFirst().orElse("");
            LOG.warn("Skipping {} in the state store: it cannot be read ({})", key, reason);
            return Optional.empty();
        }
    }
}
