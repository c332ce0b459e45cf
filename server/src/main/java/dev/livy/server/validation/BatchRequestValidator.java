package dev.livy.server.validation;

import dev.livy.common.api.CreateBatchRequest;
import dev.livy.server.error.LivyException;
import dev.livy.server.launch.SparkResources;
import java.util.Objects;

/** Checks a create-batch request and turns it into a {@link NewBatch}, or a 400 saying what to fix. */
public final class BatchRequestValidator {
    private final SparkResourcesValidator resourcesValidator;

    public BatchRequestValidator(SparkResourcesValidator resourcesValidator) {
        this.resourcesValidator = Objects.requireNonNull(resourcesValidator, "resourcesValidator");
    }

    /** @param proxyUser whom it runs as, already decided by the impersonation rule; null for the server's user */
    public NewBatch validate(CreateBatchRequest request, String proxyUser) {
        if (request.file() == null || request.file().isBlank()) {
            throw LivyException.invalid("File is required.");
        }
        resourcesValidator.path("file", request.file());
        if (request.className() != null && request.className().isBlank()) {
            throw LivyException.invalid("Field 'className' must not be empty.");
        }
        resourcesValidator.noNulByte("className", request.className());
        for (int i = 0; i < request.args().size(); i++) {
            resourcesValidator.noNulByte("args[" + i + "]", request.args().get(i));
        }
        validateName(request.name());
        SparkResources resources = SparkResources.from(request, proxyUser);
        resourcesValidator.validate(resources, "batch");
        return new NewBatch(request.file(), request.className(), request.args(), resources);
    }

    /** Only the form: whether the name is free is the manager's to decide, atomically with the create. */
    private static void validateName(String name) {
        if (name == null) {
            return;
        }
        if (name.isBlank()) {
            throw LivyException.invalid("Invalid batch name: a name must not be empty.");
        }
    }
}
