package dev.podium.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.podium.actors.admission.AdmissionRequest.Operation;
import dev.podium.actors.admission.webhooks.Admitted;
import dev.podium.actors.admission.webhooks.WebhookAdmission;
import dev.podium.actors.admission.webhooks.WebhookAttributes;
import dev.podium.actors.admission.webhooks.WebhookRefusal;
import dev.podium.actors.objects.ObjectClient;
import dev.podium.actors.objects.ObjectCommand;
import dev.podium.actors.objects.ObjectEntity;
import dev.podium.actors.objects.ObjectReply;
import dev.podium.model.api.ApiError;
import dev.podium.model.api.ApiException;
import dev.podium.model.validation.Defaulter;
import dev.podium.persistence.watch.CachedObject;
import dev.podium.persistence.watch.WatchCache;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;

/**
 * What each write shows admission webhooks: the object (defaulted, as kube decodes it), the
 * object before the write (the watch cache's, or the entity's when the cache does not have it
 * yet) and the operation's options. A write no webhook's rules name skips all of it. In kube
 * validation runs between the mutating and the validating webhooks; here it runs in the entity,
 * after both, so validating webhooks see the mutated object before the entity has checked it.
 */
final class WebhookWrites {
    /** The object a write starts from and the entity sequence number that produced it. */
    record Current(ObjectNode object, long seqNr) {}

    private final WebhookAdmission webhooks;
    private final WatchCache cache;
    private final ObjectClient objects;

    WebhookWrites(WebhookAdmission webhooks, WatchCache cache, ObjectClient objects) {
        this.webhooks = webhooks;
        this.cache = cache;
        this.objects = objects;
    }

    boolean mayApply(ApiRequest req, Operation operation) {
        return webhooks.mayApply(operation, req.kind(), req.path().subresource(), namespace(req, operation, req.path().name()));
    }

    /** CREATE, mutating: the name may still be to generate. */
    CompletionStage<Admitted> mutateCreate(ApiRequest req, ObjectNode obj) {
        if (!mayApply(req, Operation.CREATE)) return admitted(obj);
        Defaulter.apply(req.kind(), obj);
        return mutate(attributes(req, Operation.CREATE, obj, null, OperationOptions.create(req)));
    }

    /** CREATE, validating: once the object has its name. */
    CompletionStage<Admitted> validateCreate(ApiRequest req, ObjectNode obj) {
        if (!mayApply(req, Operation.CREATE)) return admitted(obj);
        return webhooks.validate(attributes(req, Operation.CREATE, obj, null, OperationOptions.create(req)));
    }

    /** PUT: the cached object is the old one; a missing object is left to the entity's 404. */
    CompletionStage<Admitted> update(ApiRequest req, ObjectNode obj) {
        if (!mayApply(req, Operation.UPDATE)) return admitted(obj);
        return current(req).thenCompose(old -> {
            if (old.isEmpty()) return admitted(obj);
            Defaulter.apply(req.kind(), obj);
            return mutateAndValidate(attributes(req, Operation.UPDATE, obj, served(req, old.get().object()), OperationOptions.update(req)));
        });
    }

    /** DELETE of the addressed object: mutating webhooks may only refuse, then the validating ones. */
    CompletionStage<Admitted> delete(ApiRequest req, JsonNode options, boolean dryRun, String policy) {
        if (!mayApply(req, Operation.DELETE)) return admitted(null);
        return current(req).thenCompose(old -> old.isEmpty() ? admitted(null) : delete(req, old.get().object(), options, dryRun, policy));
    }

    /** DELETE of one object of a collection (or the addressed one). */
    CompletionStage<Admitted> delete(ApiRequest req, ObjectNode old, JsonNode options, boolean dryRun, String policy) {
        String name = old.path("metadata").path("name").asText();
        WebhookAttributes a = new WebhookAttributes(Operation.DELETE, req.kind(), req.path().subresource(),
                namespace(req, Operation.DELETE, name, old), name, null, served(req, old), dryRun, OperationOptions.delete(req, options, dryRun, policy));
        return mutateAndValidate(a);
    }

    /** Mutating, then validating webhooks on the result; warnings of both are kept, also when the second refuses. */
    CompletionStage<Admitted> mutateAndValidate(WebhookAttributes a) {
        return mutate(a).thenCompose(m -> {
            CompletionStage<Admitted> validated = webhooks.validate(a.withObject(m.object()));
            return validated.handle((v, t) -> {
                if (t == null) return new Admitted(v.object(), concat(m.warnings(), v.warnings()));
                Throwable cause = t instanceof CompletionException && t.getCause() != null ? t.getCause() : t;
                if (cause instanceof WebhookRefusal r) throw new WebhookRefusal(r.error(), concat(m.warnings(), r.warnings()));
                throw t instanceof CompletionException ce ? ce : new CompletionException(t);
            });
        });
    }

    /** The object before the write: the cache's, else the entity's (a write the cache has not applied yet). */
    CompletionStage<Optional<Current>> current(ApiRequest req) {
        Optional<CachedObject> cached = cache.get(req.kind().entityTypeName(), req.key());
        if (cached.isPresent()) return CompletableFuture.completedFuture(Optional.of(new Current(cached.get().object(), cached.get().seqNr())));
        return fromEntity(req);
    }

    CompletionStage<Optional<Current>> fromEntity(ApiRequest req) {
        String id = ObjectEntity.entityId(req.kind(), req.namespace(), req.path().name());
        return objects.ask(req.kind(), id, ObjectCommand.Get::new)
                .thenApply(reply -> reply instanceof ObjectReply.Done d ? Optional.of(new Current(d.object(), d.seqNr())) : Optional.empty());
    }

    WebhookAttributes attributes(ApiRequest req, Operation operation, ObjectNode obj, ObjectNode old, ObjectNode options) {
        String name = operation == Operation.CREATE ? obj.path("metadata").path("name").asText("") : req.path().name();
        return new WebhookAttributes(operation, req.kind(), req.path().subresource(), namespace(req, operation, name), name, obj, old,
                req.dryRun(), options);
    }

    static ObjectNode served(ApiRequest req, ObjectNode stored) {
        return ServedVersion.of(req.kind(), stored);
    }

    private CompletionStage<Admitted> mutate(WebhookAttributes a) {
        return webhooks.mutate(a).thenApply(m -> {
            String ns = m.object() == null ? "" : m.object().path("metadata").path("namespace").asText("");
            if (a.kind().namespaced() && m.object() != null && !ns.equals(a.namespace())) {
                throw new ApiException(ApiError.badRequest("the namespace of the provided object does not match the namespace sent on the request"));
            }
            return m;
        });
    }

    private static String namespace(ApiRequest req, Operation operation, String name) {
        return namespace(req, operation, name, null);
    }

    /** A Namespace's own updates and deletes carry its name, as kube's request info does; other cluster-scoped writes none. */
    private static String namespace(ApiRequest req, Operation operation, String name, ObjectNode obj) {
        if (req.kind().namespaced()) {
            String ns = req.namespace();
            return ns != null ? ns : obj == null ? "" : obj.path("metadata").path("namespace").asText("");
        }
        boolean namespaceKind = req.kind().group().isEmpty() && req.kind().kind().equals("Namespace");
        return namespaceKind && operation != Operation.CREATE && name != null ? name : "";
    }

    private static CompletionStage<Admitted> admitted(ObjectNode obj) {
        return CompletableFuture.completedFuture(new Admitted(obj, List.of()));
    }

    private static List<String> concat(List<String> a, List<String> b) {
        if (b.isEmpty()) return a;
        List<String> out = new ArrayList<>(a);
        out.addAll(b);
        return out;
    }
}
