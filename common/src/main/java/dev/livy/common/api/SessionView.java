package dev.livy.common.api;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.livy.common.SessionKind;
import dev.livy.common.SessionState;
import java.util.List;
import java.util.Map;

/**
 * A session as clients see it. Exactly these keys in this order: Livy's Java client rejects any other key,
 * so extra information belongs in {@code appInfo}.
 */
@JsonPropertyOrder({"id", "name", "appId", "owner", "proxyUser", "state", "kind", "appInfo", "log"})
public record SessionView(
        int id,
        String name,
        String appId,
        String owner,
        String proxyUser,
        SessionState state,
        SessionKind kind,
        Map<String, String> appInfo,
        List<String> log) {

    public SessionView {
        appInfo = AppInfo.copyOf(appInfo);
        log = List.copyOf(log);
    }
}
