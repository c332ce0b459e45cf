package dev.livy.server.api;

import dev.livy.server.batch.Batch;
import dev.livy.server.batch.BatchManager;
import dev.livy.server.error.ErrorCode;
import dev.livy.server.error.LivyException;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/** Finds the batch a path segment names by its id. Thread-safe. */
public final class BatchLookup {
    private static final Pattern ID = Pattern.compile("\\d{1,9}");

    private final BatchManager batches;

    public BatchLookup(BatchManager batches) {
        this.batches = Objects.requireNonNull(batches, "batches");
    }

    /** The batch, or a 404 {@code Batch '7' not found.} */
    public Batch find(String batchId) {
        return findOptional(batchId).orElseThrow(() -> new LivyException(ErrorCode.BATCH_NOT_FOUND, "Batch '" + batchId + "' not found."));
    }

    public Optional<Batch> findOptional(String batchId) {
        return ID.matcher(batchId).matches() ? batches.get(Integer.parseInt(batchId)) : Optional.empty();
    }
}
