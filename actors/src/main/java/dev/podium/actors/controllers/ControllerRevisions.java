package dev.podium.actors.controllers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.podium.actors.controllers.deployment.TemplateHash;
import dev.podium.model.json.Json;
import dev.podium.model.kinds.KindRegistry;
import dev.podium.model.kinds.ResourceKind;
import dev.podium.model.meta.OwnerReference;
import dev.podium.model.validation.JsonCompare;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The template history of DaemonSets and StatefulSets (apps/v1 ControllerRevision, kube's
 * controller/history): one revision per template, named {@code <owner>-<hash>}, whose data is the
 * strategic merge patch that puts the template back ({@code kubectl rollout undo} applies it).
 */
public final class ControllerRevisions {
    public static final ResourceKind KIND = KindRegistry.get("ControllerRevision.apps");
    public static final String HASH_LABEL = "controller-revision-hash";

    private ControllerRevisions() {}

    public static String hash(JsonNode owner) {
        return TemplateHash.of(owner.path("spec").path("template"), owner.path("status").path("collisionCount").asLong(0));
    }

    /** The revision whose data holds the owner's current template (compared as typed objects are), if one exists. */
    public static Optional<ObjectNode> current(JsonNode owner, List<ObjectNode> revisions) {
        JsonNode data = data(owner);
        return revisions.stream().filter(r -> JsonCompare.semanticEquals(r.path("data"), data)).max(Comparator.comparingLong(ControllerRevisions::number));
    }

    public static long number(JsonNode revision) {
        return revision.path("revision").asLong(0);
    }

    public static long max(List<ObjectNode> revisions) {
        return revisions.stream().mapToLong(ControllerRevisions::number).max().orElse(0);
    }

    /** A new revision of the owner's current template, numbered after the highest. */
    public static ObjectNode create(ObjectNode owner, List<ObjectNode> revisions) {
        String hash = hash(owner);
        ObjectNode r = Json.object();
        r.put("apiVersion", "apps/v1").put("kind", "ControllerRevision");
        ObjectNode meta = r.putObject("metadata");
        meta.put("name", owner.path("metadata").path("name").asText() + "-" + hash).put("namespace", owner.path("metadata").path("namespace").asText());
        ObjectNode labels = meta.putObject("labels");
        owner.path("spec").path("template").path("metadata").path("labels").fields().forEachRemaining(e -> labels.set(e.getKey(), e.getValue()));
        labels.put(HASH_LABEL, hash);
        if (owner.path("metadata").has("annotations")) meta.set("annotations", owner.path("metadata").path("annotations").deepCopy());
        meta.putArray("ownerReferences").add(OwnerReference.controllerRefTo(owner));
        r.set("data", data(owner));
        r.put("revision", max(revisions) + 1);
        return r;
    }

    /** {@code {"spec":{"template":{…,"$patch":"replace"}}}}: what rolling back to this template patches into the owner. */
    static ObjectNode data(JsonNode owner) {
        ObjectNode template = owner.path("spec").path("template").deepCopy();
        template.put("$patch", "replace");
        ObjectNode data = Json.object();
        data.putObject("spec").set("template", template);
        return data;
    }

    /** Revisions no live pod uses beyond revisionHistoryLimit, oldest first, to delete. */
    public static List<ObjectNode> surplus(JsonNode owner, List<ObjectNode> revisions, java.util.Set<String> live) {
        int limit = owner.path("spec").path("revisionHistoryLimit").asInt(10);
        List<ObjectNode> dead = revisions.stream().filter(r -> !live.contains(r.path("metadata").path("name").asText()))
                .sorted(Comparator.comparingLong(ControllerRevisions::number)).toList();
        return dead.size() <= limit ? List.of() : dead.subList(0, dead.size() - limit);
    }
}
