package dev.podium.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.podium.actors.admission.AdmissionRequest.Operation;
import dev.podium.actors.admission.webhooks.Admitted;
import dev.podium.actors.objects.ObjectCommand;
import dev.podium.actors.objects.ObjectEntity;
import dev.podium.actors.objects.ObjectReply;
import dev.podium.actors.services.ServiceAllocator;
import dev.podium.model.api.ApiError;
import dev.podium.model.api.ApiException;
import dev.podium.model.json.Times;
import dev.podium.model.meta.RequestNamespace;
import dev.podium.model.patch.PatchType;
import dev.podium.model.patch.Patches;
import dev.podium.model.patch.ServerSideApply;
import dev.podium.model.validation.Defaulter;

import java.time.Clock;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * A PATCH some webhook's rules name. Webhooks must see the patched object, so the patch is
 * applied here to the current object and stored as an update (or, for an apply that finds
 * nothing, a create) conditional on that object's sequence number. A concurrent write makes that
 * condition fail; unless the client gave a resourceVersion, the patch is applied again to the
 * entity's object and re-reviewed, as kube's patcher retries on conflicts.
 */
final class WebhookPatch {
    private static final int ATTEMPTS = 5;

    /** How the write handler sends a create or update (a Service's through its allocator). */
    interface Sender {
        CompletionStage<ObjectReply> send(ApiRequest req, String id, long expectedSeqNr, ServiceAllocator.Write write);
    }

    /** What the client asked: the patch, its type and field manager, and the entity sequence number its resourceVersion stands for (0: none). */
    record Request(ApiRequest req, PatchType type, JsonNode patch, String manager, long clientSeqNr) {}

    private final WebhookWrites writes;
    private final Sender sender;
    private final Clock clock;

    WebhookPatch(WebhookWrites writes, Sender sender, Clock clock) {
        this.writes = writes;
        this.sender = sender;
        this.clock = clock;
    }

    /** The entity's reply; the webhooks' warnings are added to {@code warnings}. */
    CompletionStage<ObjectReply> patch(Request p, List<String> warnings) {
        return attempt(p, warnings, 1);
    }

    private CompletionStage<ObjectReply> attempt(Request p, List<String> warnings, int attempt) {
        var current = attempt == 1 ? writes.current(p.req()) : writes.fromEntity(p.req());
        return current.thenCompose(cur -> {
            if (cur.isEmpty()) {
                if (p.type() == PatchType.APPLY_PATCH) return create(p, warnings);
                return CompletableFuture.completedFuture(new ObjectReply.Rejected(ApiError.notFound(p.req().kind().group(), p.req().kind().plural(),
                        p.req().path().name())));
            }
            WebhookWrites.Current live = cur.get();
            if (p.clientSeqNr() != 0 && p.clientSeqNr() != live.seqNr()) {
                return CompletableFuture.completedFuture(new ObjectReply.Rejected(ApiError.staleVersion(p.req().kind().group(),
                        p.req().kind().plural(), p.req().path().name())));
            }
            ObjectNode patched = patched(p, live.object());
            RequestNamespace.ensure(p.req().kind(), patched, p.req().namespace());
            Defaulter.apply(p.req().kind(), patched);
            ObjectNode old = WebhookWrites.served(p.req(), live.object());
            return writes.mutateAndValidate(writes.attributes(p.req(), Operation.UPDATE, WebhookWrites.served(p.req(), patched), old,
                            OperationOptions.update(p.req())))
                    .thenCompose(admitted -> update(p, admitted, live.seqNr(), warnings))
                    .thenCompose(reply -> retry(p, reply, attempt) ? attempt(p, warnings, attempt + 1) : CompletableFuture.completedFuture(reply));
        });
    }

    /** An apply with nothing to apply to creates, reviewed as a CREATE. */
    private CompletionStage<ObjectReply> create(Request p, List<String> warnings) {
        ObjectNode merged = ServerSideApply.apply(null, (ObjectNode) p.patch(), p.manager(), p.req().flag("force"), Times.now(clock), p.req().kind());
        ObjectNode meta = merged.with("metadata");
        if (!meta.has("name")) meta.put("name", p.req().path().name());
        RequestNamespace.ensure(p.req().kind(), merged, p.req().namespace());
        return writes.mutateCreate(p.req(), merged).thenCompose(m -> {
            warnings.addAll(m.warnings());
            return writes.validateCreate(p.req(), m.object());
        }).thenCompose(v -> {
            warnings.addAll(v.warnings());
            return sender.send(p.req(), id(p), 0, (s, dryRun) -> r -> new ObjectCommand.Create(v.object(), dryRun, r));
        });
    }

    private CompletionStage<ObjectReply> update(Request p, Admitted admitted, long seqNr, List<String> warnings) {
        warnings.addAll(admitted.warnings());
        boolean status = "status".equals(p.req().path().subresource());
        return sender.send(p.req(), id(p), seqNr, (s, dryRun) -> r -> new ObjectCommand.Update(admitted.object(), s, status, dryRun, r));
    }

    /** The patch applied as the entity would apply it; a malformed or inapplicable patch throws kube's 400 or 422. */
    private ObjectNode patched(Request p, ObjectNode live) {
        if (p.type() == PatchType.APPLY_PATCH) {
            return ServerSideApply.apply(live, (ObjectNode) p.patch(), p.manager(), p.req().flag("force"), Times.now(clock), p.req().kind());
        }
        String uid = live.path("metadata").path("uid").asText();
        String patchUid = p.patch().path("metadata").path("uid").asText("");
        if (!patchUid.isEmpty() && !patchUid.equals(uid)) {
            throw new ApiException(ApiError.conflict(p.req().kind().group(), p.req().kind().plural(), p.req().path().name(),
                    "Precondition failed: UID in precondition: " + patchUid + ", UID in object meta: " + uid));
        }
        return Patches.apply(p.type(), live, p.patch(), p.req().kind());
    }

    private static boolean retry(Request p, ObjectReply reply, int attempt) {
        return p.clientSeqNr() == 0 && attempt < ATTEMPTS && reply instanceof ObjectReply.Rejected r && r.error().code() == 409
                && "Conflict".equals(r.error().reason());
    }

    private static String id(Request p) {
        return ObjectEntity.entityId(p.req().kind(), p.req().namespace(), p.req().path().name());
    }
}
