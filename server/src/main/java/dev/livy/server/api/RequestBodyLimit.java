package dev.livy.server.api;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.HttpHeaders;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Refuses request bodies larger than {@code livy.server.request-body.max-size} with 413, as soon as
 * {@code Content-Length} says so or a chunked body has delivered one byte too many, so an oversize body is never
 * held in memory whole. The rest of the body is read and dropped first (up to a bound): clients such as Python's
 * requests send the whole body before they read the answer, and would otherwise see a broken connection instead
 * of the message. A body that cannot be read (a malformed chunk, a connection cut short) is a 400. Thread-safe.
 */
public final class RequestBodyLimit implements ContainerRequestFilter {
    /** Beyond this much unread body the connection is closed instead of drained. */
    private static final long MAX_DRAIN_BYTES = 256L * 1024 * 1024;

    private final long maxBytes;

    public RequestBodyLimit(long maxBytes) {
        this.maxBytes = maxBytes;
    }

    @Override
    public void filter(ContainerRequestContext request) {
        String declared = request.getHeaderString(HttpHeaders.CONTENT_LENGTH);
        if (declared != null && parseLength(declared) > maxBytes) {
            drain(request.getEntityStream());
            throw tooLarge();
        }
        request.setEntityStream(new BoundedStream(request.getEntityStream()));
    }

    private ApiException tooLarge() {
        return new ApiException(ErrorCode.PAYLOAD_TOO_LARGE, "The request body is larger than " + maxBytes
                + " bytes (livy.server.request-body.max-size).");
    }

    private static void drain(InputStream body) {
        byte[] scratch = new byte[64 * 1024];
        long drained = 0;
        try {
            int read;
            while (drained < MAX_DRAIN_BYTES && (read = body.read(scratch)) >= 0) {
                drained += read;
            }
        } catch (IOException e) {
            // The client went away; the 413 goes nowhere either way.
        }
    }

    private static long parseLength(String declared) {
        try {
            return Long.parseLong(declared.trim());
        } catch (NumberFormatException e) {
            throw ApiException.badRequest("Invalid Content-Length header '" + declared + "'.");
        }
    }

    /** Counts what is read and fails past the limit. */
    private final class BoundedStream extends FilterInputStream {
        private long count;

        BoundedStream(InputStream in) {
            super(in);
        }

        @Override
        public int read() {
            int next;
            try {
                next = super.read();
            } catch (IOException e) {
                throw unreadable();
            }
            if (next >= 0) {
                counted(1);
            }
            return next;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) {
            int read;
            try {
                read = super.read(buffer, offset, length);
            } catch (IOException e) {
                throw unreadable();
            }
            if (read > 0) {
                counted(read);
            }
            return read;
        }

        /** Jetty fails the read on a malformed chunk or a body cut short: the client's fault, not the server's. */
        private ApiException unreadable() {
            return ApiException.badRequest("The request body could not be read to its end: it is malformed or "
                    + "incomplete.");
        }

        private void counted(int bytes) {
            count += bytes;
            if (count > maxBytes) {
                drain(in);
                throw tooLarge();
            }
        }
    }
}
