package dev.livy.server.config;

import java.time.Duration;

/**
 * How the ZooKeeper store retries an operation whose connection failed, in Livy's form
 * {@code <max retries>,<sleep ms>}: up to {@code maxRetries} retries with an exponential backoff from {@code sleep}.
 */
public record ZooKeeperRetryPolicy(int maxRetries, Duration sleep) {

    static ZooKeeperRetryPolicy parse(String value) {
        String[] parts = value.split(",", -1);
        if (parts.length != 2) {
            throw new IllegalArgumentException("expected <max retries>,<sleep ms>, such as 5,100");
        }
        int maxRetries = ValueParsers.integer(parts[0].trim());
        int sleepMillis = ValueParsers.integer(parts[1].trim());
        if (maxRetries < 0 || sleepMillis <= 0) {
            throw new IllegalArgumentException("expected <max retries> of 0 or more and a positive <sleep ms>");
        }
        return new ZooKeeperRetryPolicy(maxRetries, Duration.ofMillis(sleepMillis));
    }
}
