package dev.livy.server.error;

/** The categories of failure a client can see, each with the HTTP status it is answered with. */
public enum ErrorCode {
    INVALID_REQUEST(400),
    /** The session is shutting down or over. */
    NOT_ACCEPTING_STATEMENTS(400),
    AUTHENTICATION_REQUIRED(401),
    ACCESS_DENIED(403),
    SESSION_NOT_FOUND(404),
    STATEMENT_NOT_FOUND(404),
    BATCH_NOT_FOUND(404),
    JOB_NOT_FOUND(404),
    REQUEST_BODY_TIMEOUT(408),
    PAYLOAD_TOO_LARGE(413),
    /** {@code livy.server.session.max-creation} sessions are starting already. */
    TOO_MANY_STARTING(429),
    INTERNAL(500),
    CREDENTIAL_STORE_UNAVAILABLE(503),
    /** Arriving request bodies hold their whole memory budget. */
    TOO_BUSY(503),
    /** The recovery state store cannot record a new session, statement or batch: nothing is started. */
    STATE_STORE_UNAVAILABLE(503);

    private final int status;

    ErrorCode(int status) {
        this.status = status;
    }

    public int status() {
        return status;
    }
}
