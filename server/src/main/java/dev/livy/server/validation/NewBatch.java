package dev.livy.server.validation;

import dev.livy.server.launch.SparkResources;
import java.util.List;

/** A create-batch request that passed validation. */
public record NewBatch(String file, String className, List<String> args, SparkResources resources) {
    public NewBatch {
        args = List.copyOf(args);
    }
}
