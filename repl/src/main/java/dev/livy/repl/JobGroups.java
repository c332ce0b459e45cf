package dev.livy.repl;

/** What the statement runner asks of Spark around each statement: a job group per statement, and its cancel. */
interface JobGroups {

    /** Called on the statement thread before the statement runs: its Spark jobs belong to its group from now. */
    void enter(int statementId);

    /** Called on the statement thread after the statement ran. */
    void exit(int statementId);

    /** Cancels the statement's running Spark jobs; called from any thread. */
    void cancel(int statementId);
}
