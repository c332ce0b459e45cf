package dev.livy.common.api;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.livy.common.SessionState;
import java.util.List;
import java.util.Map;

/** A batch as clients see it, in Livy's key order; extra information belongs in {@code appInfo}. */
@JsonPropertyOrder({"id", "name", "owner", "proxyUser", "state", "appId", "appInfo", "log"})
public record BatchView(
        int id,
        String name,
        String owner,
        String proxyUser,
        SessionState state,
        String appId,
        Map<String, String> appInfo,
        List<String> log) {

    public BatchView {
        appInfo = AppInfo.copyOf(appInfo);
        log = List.copyOf(log);
    }
}
