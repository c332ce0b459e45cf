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
import dev.livy.server.security.AccessLevel;
import dev.livy.server.security.ResourceSecurity;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.net.URI;
import java.util.Objects;
import java.util.function.Predicate;

/** {@code /batches}: submit, list, read, follow and kill spark-submit applications. Every read is from memory. */
@Path("/batches")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.WILDCARD)
public final class BatchesResource {
    private final BatchManager batches;
    private final PathLookup lookup;
    private final BatchRequestValidator validator;
    private final JsonBodies bodies;
    private final RequestAccess access;

    public BatchesResource(BatchManager batches, PathLookup lookup, BatchRequestValidator validator,
            JsonBodies bodies, RequestAccess access) {
        this.batches = Objects.requireNonNull(batches, "batches");
        this.lookup = Objects.requireNonNull(lookup, "lookup");
        this.validator = Objects.requireNonNull(validator, "validator");
        this.bodies = Objects.requireNonNull(bodies, "bodies");
        this.access = Objects.requireNonNull(access, "access");
    }

    @GET
    @ResourceSecurity(AccessLevel.ANY_USER)
    public BatchList list(@QueryParam("from") String from, @QueryParam("size") String size,
            @QueryParam("doAs") String doAs, @Context SecurityContext security) {
        Page page = Page.of(from, size);
        Predicate<String> visibleOwner = access.visibleOwners(security, doAs).orElse(owner -> true);
        Page.Slice<BatchView> slice = page.of(batches.list(0, Integer.MAX_VALUE),
                batch -> visibleOwner.test(batch.owner()));
        return new BatchList(page.from(), slice.total(), slice.items());
    }

    @POST
    @ResourceSecurity(AccessLevel.ANY_USER)
    public Response create(byte[] body, @QueryParam("doAs") String doAs, @Context SecurityContext security) {
        CreateBatchRequest request = bodies.parse(body, CreateBatchRequest.class, null);
        String proxyUser = access.proxyUser(security, doAs, request.proxyUser()).orElse(null);
        NewBatch validated = validator.validate(request, proxyUser);
        Batch batch = batches.create(RequestAccess.authenticatedUser(security), proxyUser, validated);
        return Response.created(URI.create("/batches/" + batch.id())).entity(batch.viewAsCreated()).build();
    }

    @GET
    @Path("{batchId}")
    @ResourceSecurity(AccessLevel.VIEW)
    public BatchView get(@PathParam("batchId") String batchId) {
        return lookup.batch(batchId).view();
    }

    @GET
    @Path("{batchId}/state")
    @ResourceSecurity(AccessLevel.VIEW)
    public StateView state(@PathParam("batchId") String batchId) {
        Batch batch = lookup.batch(batchId);
        return new StateView(batch.id(), batch.state());
    }

    @GET
    @Path("{batchId}/log")
    @ResourceSecurity(AccessLevel.VIEW)
    public LogView log(@PathParam("batchId") String batchId, @QueryParam("from") String from,
            @QueryParam("size") String size) {
        Batch batch = lookup.batch(batchId);
        return LogSlice.of(batch.id(), batch.logLines(), from, size);
    }

    @DELETE
    @Path("{batchId}")
    @ResourceSecurity(AccessLevel.MODIFY)
    public MessageView delete(@PathParam("batchId") String batchId) {
        batches.delete(lookup.batch(batchId));
        return new MessageView("deleted");
    }
}
