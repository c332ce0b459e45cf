package dev.livy.server.session;

import java.io.IOException;

/** Where a session's statement history is recorded so that it outlives the server. Thread-safe. */
interface StatementJournal {
    /** Keeps nothing. */
    StatementJournal NONE = new StatementJournal() {
        @Override
        public void queued(StoredStatement statement) {
        }

        @Override
        public void finished(StoredStatement statement) {
        }

        @Override
        public void dropped(int statementId) {
        }
    };

    /** A new statement, durable before it returns: its POST is answered only then. */
    void queued(StoredStatement statement) throws IOException;

    /** The statement ended; may be recorded later, in order. */
    void finished(StoredStatement statement);

    /** The history dropped the statement. */
    void dropped(int statementId);
}
