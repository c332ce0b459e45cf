package dev.livy.server.recovery;

import dev.livy.server.util.LogText;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The framing of a record in a log file: its length (4 bytes), the CRC32 of its bytes (4 bytes), then the bytes.
 * Reading tells a torn last record (a crash in the middle of an append) from a corrupt one in the middle, which is
 * skipped. Stateless.
 */
final class LogFrames {
    static final int HEADER_BYTES = 8;
    private static final Logger LOG = LoggerFactory.getLogger(LogFrames.class);

    /** The records read and where the last whole record ends: the length a torn tail is cut back to. */
    record Read(List<byte[]> records, long validLength) {
    }

    private LogFrames() {
    }

    static ByteBuffer frame(byte[] record) {
        ByteBuffer buffer = ByteBuffer.allocate(HEADER_BYTES + record.length);
        buffer.putInt(record.length).putInt(crc(record)).put(record).flip();
        return buffer;
    }

    /** @param where the log's name, for the logged reasons */
    static Read read(ByteBuffer log, String where) {
        List<byte[]> records = new ArrayList<>();
        long validLength = 0;
        while (log.hasRemaining()) {
            int start = log.position();
            if (log.remaining() < HEADER_BYTES) {
                LOG.warn("{}: dropping a torn last record at byte {} (a crash during an append): {} bytes of its "
                        + "header", LogText.escape(where), start, log.remaining());
                break;
            }
            int length = log.getInt();
            int crc = log.getInt();
            if (length < 0 || length > log.remaining()) {
                LOG.warn("{}: dropping a torn last record at byte {} (a crash during an append): it announces {} "
                        + "bytes, {} are there", LogText.escape(where), start, length, log.remaining());
                break;
            }
            byte[] record = new byte[length];
            log.get(record);
            if (crc(record) == crc) {
                records.add(record);
                validLength = log.position();
            } else if (!log.hasRemaining()) {
                LOG.warn("{}: dropping a torn last record at byte {} (a crash during an append): its checksum does "
                        + "not match", LogText.escape(where), start);
            } else {
                LOG.warn("{}: skipping a corrupt record at byte {} ({} bytes): its checksum does not match",
                        LogText.escape(where), start, length);
                validLength = log.position();
            }
        }
        return new Read(List.copyOf(records), validLength);
    }

    private static int crc(byte[] record) {
        CRC32 crc = new CRC32();
        crc.update(record);
        return (int) crc.getValue();
    }
}
