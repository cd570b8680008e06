package dev.podium.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.podium.actors.objects.ObjectClient;
import dev.podium.actors.objects.ObjectCommand;
import dev.podium.actors.objects.ObjectEntity;
import dev.podium.actors.objects.ObjectReply;
import dev.podium.model.api.ApiError;
import dev.podium.model.api.ApiException;
import dev.podium.model.api.Cause;
import dev.podium.model.json.Json;
import dev.podium.model.kinds.ResourceKind;
import dev.podium.model.patch.PatchType;
import dev.podium.model.patch.Patches;
import dev.podium.model.selectors.LabelSelector;
import dev.podium.persistence.watch.CachedObject;
import dev.podium.persistence.watch.WatchCache;
import org.apache.pekko.http.javadsl.model.HttpMethods;
import org.apache.pekko.http.javadsl.model.HttpResponse;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * The scale subresource (autoscaling/v1 Scale) of Deployments, ReplicaSets, StatefulSets and
 * ReplicationControllers, what kubectl scale uses: GET shows spec.replicas, status.replicas and
 * the selector as a string; PUT and PATCH change the parent's spec.replicas, under the Scale's
 * resourceVersion when it names one.
 */
final class ScaleHandler {
    private static final long WAIT_FOR_CACHE_MILLIS = 10_000;
    private final ObjectClient objects;
    private final WatchCache cache;

    ScaleHandler(ObjectClient objects, WatchCache cache) {
        this.objects = objects;
        this.cache = cache;
    }

    static boolean serves(ResourceKind kind) {
        return List.of("Deployment.apps", "ReplicaSet.apps", "StatefulSet.apps", "ReplicationController").contains(kind.entityTypeName());
    }

    CompletionStage<HttpResponse> handle(ApiRequest req) {
        CachedObject parent = cache.get(req.kind().entityTypeName(), req.key())
                .orElseThrow(() -> new ApiException(ApiError.notFound(req.kind().group(), req.kind().plural(), req.path().name())));
        ObjectNode current = scale(parent.object());
        if (req.http().method() == HttpMethods.GET) return CompletableFuture.completedFuture(Responses.ok(current, req.wantsYaml()));
        ObjectNode wanted;
        if (req.http().method() == HttpMethods.PUT) {
            wanted = Bodies.object(req);
        } else {
            String contentType = req.http().entity().getContentType().toString();
            PatchType type = PatchType.fromContentType(contentType).orElseThrow(() -> new ApiException(ApiError.unsupportedMediaType(contentType)));
            if (type == PatchType.APPLY_PATCH) throw new ApiException(ApiError.unsupportedMediaType(contentType));
            wanted = Patches.apply(type, current, Json.parse(req.body(), false), req.kind());
        }
        JsonNode replicas = wanted.path("spec").path("replicas");
        if (!replicas.canConvertToInt() || replicas.asInt() < 0) {
            throw new ApiException(ApiError.invalid("autoscaling", "Scale", req.path().name(),
                    List.of(Cause.invalid("spec.replicas", replicas.isMissingNode() ? 0 : replicas, "must be greater than or equal to 0"))));
        }
        String rv = wanted.path("metadata").path("resourceVersion").asText("");
        long expected = rv.isEmpty() || rv.equals(Long.toString(parent.resourceVersion())) ? (rv.isEmpty() ? 0 : parent.seqNr()) : Long.MAX_VALUE;
        ObjectNode patch = Json.object();
        patch.putObject("spec").put("replicas", replicas.asInt());
        String id = ObjectEntity.entityId(req.kind(), req.namespace(), req.path().name());
        return objects.ask(req.kind(), id, r -> new ObjectCommand.Patch(PatchType.MERGE_PATCH.name(), patch, expected, false, "", false, req.dryRun(), r))
                .thenCompose(reply -> {
                    if (reply instanceof ObjectReply.Rejected rej) return CompletableFuture.completedFuture(Responses.error(rej.error()));
                    ObjectReply.Done done = (ObjectReply.Done) reply;
                    if (req.dryRun()) return CompletableFuture.completedFuture(Responses.ok(scale(done.object()), req.wantsYaml()));
                    return cache.awaitApplied(ObjectEntity.persistenceId(req.kind(), id), done.seqNr(), WAIT_FOR_CACHE_MILLIS).thenApply(v -> {
                        ObjectNode stored = cache.get(req.kind().entityTypeName(), req.key()).map(CachedObject::object).orElse(done.object());
                        return Responses.ok(scale(stored), req.wantsYaml());
                    });
                });
    }

    /** The Scale of a parent: its metadata, spec.replicas, status.replicas and its selector as a string. */
    static ObjectNode scale(ObjectNode parent) {
        ObjectNode s = Json.object();
        s.put("kind", "Scale").put("apiVersion", "autoscaling/v1");
        ObjectNode meta = s.putObject("metadata");
        for (String f : List.of("name", "namespace", "uid", "resourceVersion", "creationTimestamp")) {
            if (parent.path("metadata").has(f)) meta.set(f, parent.path("metadata").get(f));
        }
        s.putObject("spec").put("replicas", parent.path("spec").path("replicas").asInt(1));
        ObjectNode status = s.putObject("status").put("replicas", parent.path("status").path("replicas").asInt(0));
        JsonNode selector = parent.path("spec").path("selector");
        LabelSelector parsed = parent.path("kind").asText().equals("ReplicationController")
                ? LabelSelector.fromMap(Json.MAPPER.convertValue(selector, Map.class)) : LabelSelector.fromObject(selector);
        status.put("selector", parsed.toString());
        return s;
    }
}
