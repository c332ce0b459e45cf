package dev.livy.server.validation;

import dev.livy.common.api.CreateBatchRequest;
import dev.livy.server.api.ApiException;
import dev.livy.server.launch.SparkResources;
import java.util.Objects;
import java.util.function.Predicate;

/** Checks a create-batch request and turns it into a {@link NewBatch}, or a 400 saying what to fix. */
public final class BatchRequestValidator {
    private final SparkResourcesValidator resourcesValidator;
    private final Predicate<String> nameInUse;

    public BatchRequestValidator(SparkResourcesValidator resourcesValidator, Predicate<String> nameInUse) {
        this.resourcesValidator = Objects.requireNonNull(resourcesValidator, "resourcesValidator");
        this.nameInUse = Objects.requireNonNull(nameInUse, "nameInUse");
    }

    /** @param proxyUser whom it runs as, already decided by the impersonation rule; null for the server's user */
    public NewBatch validate(CreateBatchRequest request, String proxyUser) {
        if (request.file() == null || request.file().isBlank()) {
            throw ApiException.badRequest("File is required.");
        }
        resourcesValidator.path("file", request.file());
        if (request.className() != null && request.className().isBlank()) {
            throw ApiException.badRequest("Field 'className' must not be empty.");
        }
        resourcesValidator.noNulByte("className", request.className());
        for (int i = 0; i < request.args().size(); i++) {
            resourcesValidator.noNulByte("args[" + i + "]", request.args().get(i));
        }
        validateName(request.name());
        SparkResources resources = new SparkResources(request.name(), proxyUser, request.jars(), request.pyFiles(),
                request.files(), request.archives(), request.driverMemory(), request.driverCores(),
                request.executorMemory(), request.executorCores(), request.numExecutors(), request.queue(),
                request.conf());
        resourcesValidator.validate(resources, "batch");
        return new NewBatch(request.file(), request.className(), request.args(), resources);
    }

    private void validateName(String name) {
        if (name == null) {
            return;
        }
        if (name.isBlank()) {
            throw ApiException.badRequest("Invalid batch name: a name must not be empty.");
        }
        if (nameInUse.test(name)) {
            throw ApiException.badRequest("Duplicate batch name: '" + name + "' is in use.");
        }
    }
}
