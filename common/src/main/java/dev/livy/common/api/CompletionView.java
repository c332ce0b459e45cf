package dev.livy.common.api;

import java.util.List;

public record CompletionView(List<String> candidates) {
    public CompletionView {
        candidates = List.copyOf(candidates);
    }
}
