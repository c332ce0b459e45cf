package dev.livy.common.api;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Builds the {@code appInfo} map: always {@code driverLogUrl} and {@code sparkUiUrl} (null when unknown), and what
 * else a server says about the application.
 */
public final class AppInfo {
    public static final String DRIVER_LOG_URL = "driverLogUrl";
    public static final String SPARK_UI_URL = "sparkUiUrl";
    public static final String CREATED_AT = "createdAt";
    public static final String LAST_ACTIVITY = "lastActivity";

    private AppInfo() {
    }

    public static Map<String, String> of(String driverLogUrl, String sparkUiUrl) {
        Map<String, String> info = new LinkedHashMap<>();
        info.put(DRIVER_LOG_URL, driverLogUrl);
        info.put(SPARK_UI_URL, sparkUiUrl);
        return Collections.unmodifiableMap(info);
    }

    /**
     * The two and then {@code more}, such as {@code sparkName} and {@code sparkVersion}: the Spark a session or
     * batch runs on, where a server runs several.
     */
    public static Map<String, String> of(String driverLogUrl, String sparkUiUrl, Map<String, String> more) {
        Map<String, String> info = new LinkedHashMap<>(of(driverLogUrl, sparkUiUrl));
        info.putAll(more);
        return Collections.unmodifiableMap(info);
    }

    /**
     * A session's: the Spark it runs on ({@code more}, as above), and when it was created and last did work (what
     * its idle timeout counts from), in epoch milliseconds as text: clients such as Livy's Java client read
     * {@code appInfo} as a map of strings.
     */
    public static Map<String, String> ofSession(String driverLogUrl, String sparkUiUrl, Map<String, String> more,
            long createdAt, long lastActivity) {
        Map<String, String> info = new LinkedHashMap<>(of(driverLogUrl, sparkUiUrl, more));
        info.put(CREATED_AT, Long.toString(createdAt));
        info.put(LAST_ACTIVITY, Long.toString(lastActivity));
        return Collections.unmodifiableMap(info);
    }

    /** An unmodifiable copy that keeps order and null values (which {@code Map.copyOf} refuses). */
    static Map<String, String> copyOf(Map<String, String> appInfo) {
        Map<String, String> copy = new LinkedHashMap<>();
        copy.put(DRIVER_LOG_URL, null);
        copy.put(SPARK_UI_URL, null);
        if (appInfo != null) {
            copy.putAll(appInfo);
        }
        return Collections.unmodifiableMap(copy);
    }
}
