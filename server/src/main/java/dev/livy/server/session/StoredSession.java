package dev.livy.server.session;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.livy.common.SessionKind;
import dev.livy.server.launch.SparkResources;

/**
 * A session as the state store keeps it ({@code sessions/<id>}): everything a later server needs to show it again
 * and to let its driver reconnect. It holds the session's secret, so it lives only in the private store.
 * Immutable.
 *
 * @param resources        the create request's resources, with the application name the server gave
 * @param heartbeatMillis  the session's own heartbeat timeout in milliseconds, or null for the server's
 * @param ttlMillis        the session's own ttl in milliseconds, or null for the server's
 * @param idleMillis       the session's own idle timeout in milliseconds, or null for the server's
 * @param driverPid        the spark-submit process when the driver runs on this host, else null
 * @param driverStartedAt  that process's start time (epoch milliseconds), to tell it from a reused pid
 * @param poolId           the pool identity (negative) of the warm pool's driver the session took, whose files
 *                         are in that driver's directory; null for a driver launched for the session
 */
record StoredSession(
        @JsonProperty("id") int id,
        @JsonProperty("name") String name,
        @JsonProperty("owner") String owner,
        @JsonProperty("proxyUser") String proxyUser,
        @JsonProperty("kind") SessionKind kind,
        @JsonProperty("resources") SparkResources resources,
        @JsonProperty("heartbeatMillis") Long heartbeatMillis,
        @JsonProperty("ttlMillis") Long ttlMillis,
        @JsonProperty("idleMillis") Long idleMillis,
        @JsonProperty("secret") String secret,
        @JsonProperty("appId") String appId,
        @JsonProperty("sparkUiUrl") String sparkUiUrl,
        @JsonProperty("driverPid") Long driverPid,
        @JsonProperty("driverStartedAt") Long driverStartedAt,
        @JsonProperty("createdAt") long createdAt,
        @JsonProperty("poolId") Integer poolId) {

    StoredSession withApplication(String newAppId, String newSparkUiUrl) {
        return new StoredSession(id, name, owner, proxyUser, kind, resources, heartbeatMillis, ttlMillis, idleMillis,
                secret, newAppId, newSparkUiUrl, driverPid, driverStartedAt, createdAt, poolId);
    }

    StoredSession withDriverProcess(long pid, long startedAt) {
        return new StoredSession(id, name, owner, proxyUser, kind, resources, heartbeatMillis, ttlMillis, idleMillis,
                secret, appId, sparkUiUrl, pid, startedAt, createdAt, poolId);
    }

    /** A copy safe to log. */
    @Override
    public String toString() {
        return "StoredSession[id=" + id + ", kind=" + kind + ", owner=" + owner + ", appId=" + appId + "]";
    }
}
