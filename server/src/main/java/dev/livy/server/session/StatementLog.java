package dev.livy.server.session;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.livy.common.protocol.FrameCodec;
import dev.livy.common.protocol.RawJson;
import dev.livy.server.recovery.StateStore;
import dev.livy.server.util.LogText;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One session's statements in the state store: an append-only log under the session's key, one record per change
 * (a statement queued or finished, or dropped by the history). Folding the log gives the history: the last record
 * of a statement wins, a drop removes it. The log is compacted (replaced by its folded records) once it has grown
 * past twice its folded size and {@link #COMPACTION_FLOOR_BYTES}, so it stays bounded as the history is. Statements
 * stored one key each by earlier versions ({@code <session>/statements/<id>}) are read too, the log winning for the
 * same id, and folded into the log (their keys removed) by the first compaction. Appends and a compaction hold this
 * object's monitor, so a compaction never loses an append made meanwhile. Thread-safe.
 */
final class StatementLog {
    static final long COMPACTION_FLOOR_BYTES = 256 * 1024;
    private static final Logger LOG = LoggerFactory.getLogger(StatementLog.class);
    private static final ObjectMapper JSON = FrameCodec.mapper();

    /** One record of the log: a statement's stored form, or the drop of a statement. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Change(@JsonProperty("statement") StoredStatement statement, @JsonProperty("dropped") Integer dropped) {
    }

    /** The log's history: each statement's last record, by id. */
    private record Folded(Map<Integer, byte[]> records, List<StoredStatement> statements, boolean legacy,
            long logBytes) {
    }

    private final StateStore store;
    private final String key;
    private final Map<Integer, Integer> foldedSizes = new LinkedHashMap<>();
    private long logBytes;
    private boolean legacy;

    /** @param key the session's key ({@code sessions/<id>}): the log's, and the parent of the older keys */
    StatementLog(StateStore store, String key) {
        this.store = Objects.requireNonNull(store, "store");
        this.key = StateStore.checkKey(key);
    }

    /** Reads the session's statements back and returns them by id; this log then counts what it read. */
    synchronized List<StoredStatement> recover() throws IOException {
        Folded folded = fold();
        logBytes = folded.logBytes();
        foldedSizes.clear();
        folded.records().forEach((id, record) -> foldedSizes.put(id, record.length));
        legacy = folded.legacy();
        return folded.statements();
    }

    /** Appends the statement's current form; durable when this returns. */
    synchronized void append(StoredStatement statement) throws IOException {
        byte[] record = JSON.writeValueAsBytes(new Change(statement, null));
        store.append(key, record);
        logBytes += record.length;
        foldedSizes.put(statement.id(), record.length);
    }

    /** Appends the drop of a statement from the history. */
    synchronized void appendDrop(int statementId) throws IOException {
        byte[] record = JSON.writeValueAsBytes(new Change(null, statementId));
        store.append(key, record);
        logBytes += record.length;
        foldedSizes.remove(statementId);
    }

    /** Whether the log has grown well past its history, or older keys wait to be folded into it. */
    synchronized boolean compactionDue() {
        long foldedBytes = foldedSizes.values().stream().mapToLong(Integer::longValue).sum();
        return legacy || logBytes > COMPACTION_FLOOR_BYTES && logBytes > 2 * foldedBytes;
    }

    /** Replaces the log by its folded records at once, then removes the older keys it now holds. */
    synchronized void compact() throws IOException {
        Folded folded = fold();
        List<byte[]> records = List.copyOf(folded.records().values());
        store.replaceRecords(key, records);
        if (folded.legacy()) {
            store.delete(legacyKey());
        }
        logBytes = records.stream().mapToLong(record -> record.length).sum();
        foldedSizes.clear();
        folded.records().forEach((id, record) -> foldedSizes.put(id, record.length));
        legacy = false;
    }

    private Folded fold() throws IOException {
        Map<Integer, byte[]> records = new LinkedHashMap<>();
        Map<Integer, StoredStatement> statements = new LinkedHashMap<>();
        List<String> legacyIds = store.children(legacyKey());
        for (String child : legacyIds) {
            String statementKey = legacyKey() + "/" + child;
            try {
                StoredStatement statement = RawJson.read(JSON, store.get(statementKey).orElseThrow(
                        () -> new IOException("no value")), StoredStatement.class);
                records.put(statement.id(), JSON.writeValueAsBytes(new Change(statement, null)));
                statements.put(statement.id(), statement);
            } catch (IOException | RuntimeException e) {
                LOG.warn("Skipping the stored statement {}: cannot read it: {}", statementKey,
                        LogText.escape(e.getMessage()));
            }
        }
        int position = 0;
        long logBytes = 0;
        for (byte[] record : store.records(key)) {
            position++;
            logBytes += record.length;
            try {
                Change change = RawJson.read(JSON, record, Change.class);
                if (change.statement() != null) {
                    records.remove(change.statement().id());
                    records.put(change.statement().id(), record);
                    statements.put(change.statement().id(), change.statement());
                } else if (change.dropped() != null) {
                    records.remove(change.dropped());
                    statements.remove(change.dropped());
                } else {
                    throw new IOException("it holds neither a statement nor a drop");
                }
            } catch (IOException | RuntimeException e) {
                LOG.warn("Skipping record {} of the statement log of {}: cannot read it: {}", position, key,
                        LogText.escape(e.getMessage()));
            }
        }
        List<StoredStatement> sorted = new ArrayList<>(statements.values());
        sorted.sort(Comparator.comparingInt(StoredStatement::id));
        return new Folded(records, List.copyOf(sorted), !legacyIds.isEmpty(), logBytes);
    }

    private String legacyKey() {
        return key + "/statements";
    }
}
