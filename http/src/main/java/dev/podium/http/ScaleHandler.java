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
import dev.podium.model.crd.CustomVersion;
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
    private final ReadBack readBack;

    ScaleHandler(ObjectClient objects, WatchCache cache, ReadBack readBack) {
        this.objects = objects;
        this.cache = cache;
        this.readBack = readBack;
    }

    static boolean serves(ResourceKind kind) {
        if (kind.isCustom()) return kind.custom().scale() != null;
        return List.of("Deployment.apps", "ReplicaSet.apps", "StatefulSet.apps", "ReplicationController").contains(kind.entityTypeName());
    }

    /** Where a kind keeps its replicas: a custom resource where its definition says, built-in kinds in spec/status.replicas. */
    private static CustomVersion.ScalePaths paths(ResourceKind kind) {
        return kind.isCustom() ? kind.custom().scale() : BUILT_IN;
    }

    private static final CustomVersion.ScalePaths BUILT_IN = new CustomVersion.ScalePaths(".spec.replicas", ".status.replicas", "");

    CompletionStage<HttpResponse> handle(ApiRequest req) {
        CachedObject parent = cache.get(req.kind().entityTypeName(), req.key())
                .orElseThrow(() -> new ApiException(ApiError.notFound(req.kind().group(), req.kind().plural(), req.path().name())));
        ObjectNode current = scale(req.kind(), parent.object());
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
        at(patch, paths(req.kind()).specReplicasPath()).put(leaf(paths(req.kind()).specReplicasPath()), replicas.asInt());
        String id = ObjectEntity.entityId(req.kind(), req.namespace(), req.path().name());
        return objects.ask(req.kind(), id, r -> new ObjectCommand.Patch(PatchType.MERGE_PATCH.name(), patch, expected, false, "", false, req.dryRun(), r))
                .thenCompose(reply -> {
                    if (reply instanceof ObjectReply.Rejected rej) return CompletableFuture.completedFuture(Responses.error(rej.error()));
                    ObjectReply.Done done = (ObjectReply.Done) reply;
                    if (req.dryRun()) return CompletableFuture.completedFuture(Responses.ok(scale(req.kind(), done.object()), req.wantsYaml()));
                    return readBack.await(ObjectEntity.persistenceId(req.kind(), id), done.seqNr(), WAIT_FOR_CACHE_MILLIS).thenApply(v -> {
                        ObjectNode stored = cache.get(req.kind().entityTypeName(), req.key()).map(CachedObject::object).orElse(done.object());
                        return Responses.ok(scale(req.kind(), stored), req.wantsYaml());
                    });
                });
    }

    /** The Scale of a parent: its metadata, spec.replicas, status.replicas and its selector as a string. */
    static ObjectNode scale(ResourceKind kind, ObjectNode parent) {
        ObjectNode s = Json.object();
        s.put("kind", "Scale").put("apiVersion", "autoscaling/v1");
        ObjectNode meta = s.putObject("metadata");
        for (String f : List.of("name", "namespace", "uid", "resourceVersion", "creationTimestamp")) {
            if (parent.path("metadata").has(f)) meta.set(f, parent.path("metadata").get(f));
        }
        CustomVersion.ScalePaths paths = paths(kind);
        s.putObject("spec").put("replicas", read(parent, paths.specReplicasPath()).asInt(kind.isCustom() ? 0 : 1));
        ObjectNode status = s.putObject("status").put("replicas", read(parent, paths.statusReplicasPath()).asInt(0));
        if (kind.isCustom()) {
            String selector = paths.labelSelectorPath().isEmpty() ? "" : read(parent, paths.labelSelectorPath()).asText("");
            if (!selector.isEmpty()) status.put("selector", selector);
            return s;
        }
        JsonNode selector = parent.path("spec").path("selector");
        LabelSelector parsed = parent.path("kind").asText().equals("ReplicationController")
                ? LabelSelector.fromMap(Json.MAPPER.convertValue(selector, Map.class)) : LabelSelector.fromObject(selector);
        status.put("selector", parsed.toString());
        return s;
    }

    /** The value at a simple JSON path such as {@code .spec.replicas} (the only kind a scale subresource may name). */
    private static JsonNode read(JsonNode object, String path) {
        JsonNode n = object;
        for (String field : path.substring(1).split("\\.")) n = n.path(field);
        return n;
    }

    /** The object holding the path's last field inside {@code root}, made on the way. */
    private static ObjectNode at(ObjectNode root, String path) {
        String[] fields = path.substring(1).split("\\.");
        ObjectNode n = root;
        for (int i = 0; i < fields.length - 1; i++) n = n.with(fields[i]);
        return n;
    }

    private static String leaf(String path) {
        return path.substring(path.lastIndexOf('.') + 1);
    }
}
