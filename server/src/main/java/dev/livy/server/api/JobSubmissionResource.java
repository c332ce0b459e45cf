package dev.livy.server.api;

import dev.livy.common.api.JobStatusView;
import dev.livy.common.api.SerializedJobRequest;
import dev.livy.server.error.LivyException;
import dev.livy.server.security.AccessLevel;
import dev.livy.server.security.ResourceSecurity;
import dev.livy.server.session.InteractiveSession;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.Objects;
import java.util.Set;

/**
 * {@code POST /sessions/{id}/submit-job} and {@code run-job}: a job of Livy's programmatic API, serialized by its
 * client. Only queues it for the driver, which alone deserializes it; the answer is the job as queued. Both
 * paths do the same here: the driver runs every job on its own thread, so none waits behind another.
 */
@Path("/sessions/{sessionId}/{operation: submit-job|run-job}")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.WILDCARD)
public final class JobSubmissionResource {
    /** {@code spark} from Livy's Java and Scala clients; Python jobs (pickled) need a Python runner we lack. */
    private static final Set<String> JOB_TYPES = Set.of("spark");

    private final PathLookup lookup;
    private final JsonBodies bodies;

    public JobSubmissionResource(PathLookup lookup, JsonBodies bodies) {
        this.lookup = Objects.requireNonNull(lookup, "lookup");
        this.bodies = Objects.requireNonNull(bodies, "bodies");
    }

    @POST
    @ResourceSecurity(AccessLevel.MODIFY)
    public JobStatusView submit(@PathParam("sessionId") String sessionId, byte[] body) {
        InteractiveSession session = lookup.session(sessionId);
        SerializedJobRequest request = bodies.parse(body, SerializedJobRequest.class, null);
        if (request.job() == null || request.job().length == 0) {
            throw LivyException.invalid("Field 'job' is required: the serialized job, in base64.");
        }
        if (request.jobType() != null && !JOB_TYPES.contains(request.jobType())) {
            throw LivyException.invalid("Job type '" + request.jobType() + "' is not supported; supported: "
                    + JOB_TYPES + ".");
        }
        return session.submitJob(request.job());
    }
}
