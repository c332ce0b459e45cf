package dev.livy.server.api;

import dev.livy.common.api.JobStatusView;
import dev.livy.common.api.MessageView;
import dev.livy.server.error.ErrorCode;
import dev.livy.server.error.LivyException;
import dev.livy.server.security.AccessLevel;
import dev.livy.server.security.ResourceSecurity;
import dev.livy.server.session.InteractiveSession;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.Objects;
import java.util.regex.Pattern;

/** {@code /sessions/{id}/jobs/{jobId}}: a job's status, from memory, and its cancel, queued to the driver. */
@Path("/sessions/{sessionId}/jobs")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.WILDCARD)
public final class JobsResource {
    private static final Pattern JOB_ID = Pattern.compile("\\d{1,18}");

    private final PathLookup lookup;

    public JobsResource(PathLookup lookup) {
        this.lookup = Objects.requireNonNull(lookup, "lookup");
    }

    @GET
    @Path("{jobId}")
    @ResourceSecurity(AccessLevel.VIEW)
    public JobStatusView get(@PathParam("sessionId") String sessionId, @PathParam("jobId") String jobId) {
        InteractiveSession session = lookup.session(sessionId);
        return session.job(parseId(jobId)).orElseThrow(() -> jobNotFound(session, jobId));
    }

    @POST
    @Path("{jobId}/cancel")
    @ResourceSecurity(AccessLevel.MODIFY)
    public MessageView cancel(@PathParam("sessionId") String sessionId, @PathParam("jobId") String jobId) {
        InteractiveSession session = lookup.session(sessionId);
        if (!session.cancelJob(parseId(jobId))) {
            throw jobNotFound(session, jobId);
        }
        return new MessageView("canceled");
    }

    private static long parseId(String jobId) {
        if (!JOB_ID.matcher(jobId).matches()) {
            return -1;
        }
        return Long.parseLong(jobId);
    }

    private static LivyException jobNotFound(InteractiveSession session, String jobId) {
        return new LivyException(ErrorCode.JOB_NOT_FOUND, "Job '" + jobId + "' not found in session "
                + session.id() + ".");
    }
}
