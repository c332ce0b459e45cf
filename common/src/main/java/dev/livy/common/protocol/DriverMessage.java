package dev.livy.common.protocol;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.databind.JsonNode;
import dev.livy.common.CodeKind;
import java.util.List;

/**
 * Every message on the driver channel, in both directions, as length-prefixed JSON frames (see {@link FrameCodec}).
 * The handshake ({@link Hello}, {@link Challenge}, {@link Proof}, {@link Welcome}) proves to each side that the
 * other knows the session secret without sending it.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
    @JsonSubTypes.Type(value = DriverMessage.Hello.class, name = "hello"),
    @JsonSubTypes.Type(value = DriverMessage.Challenge.class, name = "challenge"),
    @JsonSubTypes.Type(value = DriverMessage.Proof.class, name = "proof"),
    @JsonSubTypes.Type(value = DriverMessage.Welcome.class, name = "welcome"),
    @JsonSubTypes.Type(value = DriverMessage.Execute.class, name = "execute"),
    @JsonSubTypes.Type(value = DriverMessage.Cancel.class, name = "cancel"),
    @JsonSubTypes.Type(value = DriverMessage.Complete.class, name = "complete"),
    @JsonSubTypes.Type(value = DriverMessage.Shutdown.class, name = "shutdown"),
    @JsonSubTypes.Type(value = DriverMessage.DriverReady.class, name = "driver_ready"),
    @JsonSubTypes.Type(value = DriverMessage.DriverFailed.class, name = "driver_failed"),
    @JsonSubTypes.Type(value = DriverMessage.StatementStarted.class, name = "statement_started"),
    @JsonSubTypes.Type(value = DriverMessage.StatementProgress.class, name = "statement_progress"),
    @JsonSubTypes.Type(value = DriverMessage.StatementCompleted.class, name = "statement_completed"),
    @JsonSubTypes.Type(value = DriverMessage.StatementCancelled.class, name = "statement_cancelled"),
    @JsonSubTypes.Type(value = DriverMessage.CompletionResult.class, name = "completion_result"),
})
public sealed interface DriverMessage {

    /** Driver → server, first frame: which session this driver is, and a nonce the server must answer. */
    record Hello(int sessionId, String driverNonce) implements DriverMessage {
    }

    /** Server → driver: the server's proof for the driver's nonce, and a nonce for the driver. */
    record Challenge(String serverProof, String serverNonce) implements DriverMessage {
    }

    /** Driver → server: the driver's proof for the server's nonce. */
    record Proof(String driverProof) implements DriverMessage {
    }

    /** Server → driver: the handshake succeeded. */
    record Welcome() implements DriverMessage {
    }

    /** Server → driver: queue this statement. */
    record Execute(int statementId, CodeKind kind, String code) implements DriverMessage {
    }

    /** Server → driver: drop the statement if it waits, interrupt it if it runs. */
    record Cancel(int statementId) implements DriverMessage {
    }

    /** Server → driver: completion candidates for code at cursor; answered by {@link CompletionResult}. */
    record Complete(long requestId, CodeKind kind, String code, int cursor) implements DriverMessage {
    }

    /** Server → driver: stop the SparkContext and exit. */
    record Shutdown() implements DriverMessage {
    }

    /** Driver → server: the SparkSession and the session's interpreter are ready. */
    record DriverReady(String appId, String sparkUiUrl) implements DriverMessage {
    }

    /** Driver → server: the driver cannot start; it exits after sending this. */
    record DriverFailed(String reason) implements DriverMessage {
    }

    record StatementStarted(int statementId) implements DriverMessage {
    }

    record StatementProgress(int statementId, double progress) implements DriverMessage {
    }

    /** Driver → server: the statement finished with this output ({@code status} ok or error). */
    record StatementCompleted(int statementId, JsonNode output) implements DriverMessage {
    }

    record StatementCancelled(int statementId) implements DriverMessage {
    }

    record CompletionResult(long requestId, List<String> candidates) implements DriverMessage {
    }
}
