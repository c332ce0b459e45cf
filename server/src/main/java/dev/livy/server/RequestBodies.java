package dev.livy.server;

import dev.livy.server.error.ErrorCode;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpHeaderValue;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.Scheduler;

/**
 * Receives each request body in full, without a thread, before the request goes on: Jersey reads bodies with
 * blocking I/O, so a client trickling its body would otherwise hold a request thread for as long as it likes, and
 * a few hundred such clients would hold them all. A body larger than {@code livy.server.request-body.max-size} is
 * refused with 413 as soon as {@code Content-Length} says so (without {@code 100 Continue}) or the bytes go past
 * it; the rest is read and dropped first, up to a bound, because clients such as Python's requests send the whole
 * body before they read the answer. A body that has not arrived within the deadline gets 408, and bodies waiting
 * together may hold at most a fixed budget of memory (503 beyond it): bodies arrive before authentication.
 * Refusals go through Jetty's error handler ({@link JsonErrorHandler}), so their bodies are like every other.
 * Thread-safe.
 */
final class RequestBodies extends Handler.Wrapper {
    /** Beyond this much unread body the connection is closed instead of drained. */
    private static final long MAX_DRAIN_BYTES = 256L * 1024 * 1024;

    private final long maxBytes;
    private final Duration deadline;
    private final long budgetBytes;
    private final AtomicLong buffered = new AtomicLong();

    /**
     * @param maxBytes    the largest body accepted
     * @param deadline    how long a body may take to arrive
     * @param budgetBytes how many bytes all bodies arriving at once may hold together
     */
    RequestBodies(Handler handler, long maxBytes, Duration deadline, long budgetBytes) {
        super(handler);
        this.maxBytes = maxBytes;
        this.deadline = deadline;
        this.budgetBytes = budgetBytes;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        long declared = request.getLength();
        boolean chunked = declared < 0 && request.getHeaders().contains(HttpHeader.TRANSFER_ENCODING);
        if (declared == 0 || (declared < 0 && !chunked)) {
            return super.handle(request, response, callback);
        }
        if (declared > maxBytes && request.getHeaders().contains(HttpHeader.EXPECT,
                HttpHeaderValue.CONTINUE.asString())) {
            refuseTooLarge(request, response, callback);
            return true;
        }
        new Arrival(request, response, callback).start();
        return true;
    }

    private void refuseTooLarge(Request request, Response response, Callback callback) {
        Response.writeError(request, response, callback, ErrorCode.PAYLOAD_TOO_LARGE.status(),
                "The request body is larger than " + maxBytes + " bytes (livy.server.request-body.max-size).");
    }

    /** One body on its way in; read on whichever thread Jetty calls back on, never waited for. */
    private final class Arrival implements Runnable {
        private final Request request;
        private final Response response;
        private final Callback callback;
        private final ByteArrayOutputStream body = new ByteArrayOutputStream(); // never sized by Content-Length
        private final AtomicBoolean finished = new AtomicBoolean();
        private long received; // touched only by the one reading callback at a time
        private long reserved; // guarded by this
        private boolean released; // guarded by this
        private Scheduler.Task timeout;

        Arrival(Request request, Response response, Callback callback) {
            this.request = request;
            this.response = response;
            this.callback = Callback.from(callback, this::releaseBudget);
        }

        void start() {
            timeout = request.getComponents().getScheduler().schedule(this::expire, deadline.toMillis(),
                    TimeUnit.MILLISECONDS);
            run();
        }

        @Override
        public void run() {
            while (!finished.get()) {
                Content.Chunk chunk = request.read();
                if (chunk == null) {
                    request.demand(this);
                    return;
                }
                if (Content.Chunk.isFailure(chunk)) {
                    if (finish()) {
                        Response.writeError(request, response, callback, ErrorCode.INVALID_REQUEST.status(),
                                "The request body could not be read to its end: it is malformed or incomplete.");
                    }
                    return;
                }
                boolean last = chunk.isLast();
                int size = chunk.remaining();
                received += size;
                if (received <= maxBytes) {
                    if (!reserve(size)) {
                        chunk.release();
                        refuseBusy();
                        return;
                    }
                    byte[] bytes = new byte[size];
                    chunk.getByteBuffer().get(bytes);
                    body.write(bytes, 0, size);
                }
                chunk.release();
                if (last || received > maxBytes + MAX_DRAIN_BYTES) {
                    complete();
                    return;
                }
            }
        }

        /** Counts the bytes against the shared budget; false once it is spent or this arrival is over. */
        private synchronized boolean reserve(int size) {
            if (released || buffered.addAndGet(size) > budgetBytes) {
                if (!released) {
                    buffered.addAndGet(-size);
                }
                return false;
            }
            reserved += size;
            return true;
        }

        private synchronized void releaseBudget() {
            buffered.addAndGet(-reserved);
            reserved = 0;
            released = true;
        }

        private void refuseBusy() {
            if (finish()) {
                Response.writeError(request, response, callback, ErrorCode.TOO_BUSY.status(),
                        "Too many request bodies are arriving at once; try again shortly.");
            }
        }

        private void complete() {
            if (!finish()) {
                return;
            }
            if (received > maxBytes) {
                releaseBudget();
                refuseTooLarge(request, response, callback);
                return;
            }
            try {
                if (!RequestBodies.super.handle(new Buffered(request, body.toByteArray()), response, callback)) {
                    Response.writeError(request, response, callback, HttpStatus.NOT_FOUND_404);
                }
            } catch (Throwable failure) {
                Response.writeError(request, response, callback, failure);
            }
        }

        private void expire() {
            if (!finish()) {
                return;
            }
            response.getHeaders().put(HttpHeader.CONNECTION, HttpHeaderValue.CLOSE.asString());
            Response.writeError(request, response, callback, ErrorCode.REQUEST_BODY_TIMEOUT.status(),
                    "The request body did not arrive within " + deadline.toSeconds() + " seconds.");
        }

        /** True for the one caller that finishes the arrival. */
        private boolean finish() {
            if (!finished.compareAndSet(false, true)) {
                return false;
            }
            if (timeout != null) {
                timeout.cancel();
            }
            return true;
        }

    }

    /** The request with its body already in memory. */
    private static final class Buffered extends Request.Wrapper {
        private Content.Chunk content;

        Buffered(Request request, byte[] body) {
            super(request);
            content = Content.Chunk.from(ByteBuffer.wrap(body), true);
        }

        @Override
        public synchronized Content.Chunk read() {
            Content.Chunk next = content;
            content = Content.Chunk.EOF;
            return next;
        }

        @Override
        public void demand(Runnable demandCallback) {
            demandCallback.run();
        }
    }
}
