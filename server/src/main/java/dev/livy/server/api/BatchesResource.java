package dev.livy.server.api;

import dev.livy.common.api.BatchList;
import dev.livy.common.api.BatchView;
import dev.livy.common.api.CreateBatchRequest;
import dev.livy.common.api.LogView;
import dev.livy.common.api.MessageView;
import dev.livy.common.api.StateView;
import dev.livy.server.batch.Batch;
import dev.livy.server.batch.BatchManager;
import dev.livy.server.validation.BatchRequestValidator;
import dev.livy.server.validation.NewBatch;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.Objects;
import java.util.regex.Pattern;

/** {@code /batches}: submit, list, read, follow and kill spark-submit applications. Every read is from memory. */
@Path("/batches")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.WILDCARD)
public final class BatchesResource {
    private static final int DEFAULT_PAGE_SIZE = 100;
    private static final Pattern ID = Pattern.compile("\\d{1,9}");

    private final BatchManager batches;
    private final BatchRequestValidator validator;
    private final JsonBodies bodies;

    public BatchesResource(BatchManager batches, BatchRequestValidator validator, JsonBodies bodies) {
        this.batches = Objects.requireNonNull(batches, "batches");
        this.validator = Objects.requireNonNull(validator, "validator");
        this.bodies = Objects.requireNonNull(bodies, "bodies");
    }

    @GET
    public BatchList list(@QueryParam("from") String from, @QueryParam("size") String size) {
        int start = QueryParams.nonNegative("from", from, 0);
        int count = QueryParams.nonNegative("size", size, DEFAULT_PAGE_SIZE);
        return new BatchList(start, batches.count(), batches.list(start, count));
    }

    @POST
    public Response create(byte[] body, @QueryParam("doAs") String doAs) {
        CreateBatchRequest request = bodies.parse(body, CreateBatchRequest.class, null);
        NewBatch validated = validator.validate(request, doAs);
        Batch batch = batches.create(null, validated.resources().proxyUser(), validated);
        return Response.created(URI.create("/batches/" + batch.id())).entity(batch.viewAsCreated()).build();
    }

    @GET
    @Path("{batchId}")
    public BatchView get(@PathParam("batchId") String batchId) {
        return find(batchId).view();
    }

    @GET
    @Path("{batchId}/state")
    public StateView state(@PathParam("batchId") String batchId) {
        Batch batch = find(batchId);
        return new StateView(batch.id(), batch.state());
    }

    @GET
    @Path("{batchId}/log")
    public LogView log(@PathParam("batchId") String batchId, @QueryParam("from") String from,
            @QueryParam("size") String size) {
        Batch batch = find(batchId);
        return LogSlice.of(batch.id(), batch.logLines(), from, size);
    }

    @DELETE
    @Path("{batchId}")
    public MessageView delete(@PathParam("batchId") String batchId) {
        batches.delete(find(batchId));
        return new MessageView("deleted");
    }

    private Batch find(String batchId) {
        if (!ID.matcher(batchId).matches()) {
            throw ApiException.notFound("Batch '" + batchId + "' not found.");
        }
        return batches.get(Integer.parseInt(batchId))
                .orElseThrow(() -> ApiException.notFound("Batch '" + batchId + "' not found."));
    }
}
