package dev.podium.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.podium.actors.admission.AdmissionChain;
import dev.podium.actors.admission.AdmissionRequest;
import dev.podium.actors.admission.webhooks.WebhookAdmission;
import dev.podium.actors.admission.webhooks.WebhookRefusal;
import dev.podium.actors.objects.DeletionPropagation;
import dev.podium.actors.objects.ObjectClient;
import dev.podium.actors.objects.ObjectCommand;
import dev.podium.actors.objects.ObjectEntity;
import dev.podium.actors.objects.ObjectReply;
import dev.podium.actors.services.ServiceAllocator;
import dev.podium.model.api.ApiError;
import dev.podium.model.api.ApiException;
import dev.podium.model.api.Cause;
import dev.podium.model.json.Json;
import dev.podium.model.kinds.ResourceKind;
import dev.podium.model.meta.GeneratedNames;
import dev.podium.model.meta.RequestNamespace;
import dev.podium.model.patch.PatchType;
import dev.podium.model.validation.ObjectMetaValidation;
import dev.podium.persistence.watch.CachedObject;
import dev.podium.persistence.watch.WatchCache;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.model.headers.RawHeader;
import org.apache.pekko.japi.function.Function;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;

/**
 * POST, PUT, PATCH and DELETE: checks what only the API layer can check (URL against body,
 * namespace exists), runs the built-in admission plugins and the admission webhooks, maps
 * resourceVersion preconditions to entity sequence numbers, sends the command, then waits for
 * the cache so the response carries the real resourceVersion.
 */
final class WriteHandler {
    private static final long WAIT_FOR_CACHE_MILLIS = 10_000;
    private final ObjectClient objects;
    private final WatchCache cache;
    private final SecureRandom random = new SecureRandom();
    private final ServiceAllocator services;
    private final AdmissionChain admission;
    private final WebhookWrites webhooks;
    private final WebhookPatch webhookPatch;

    private final ReadBack readBack;

    WriteHandler(ObjectClient objects, WatchCache cache, ReadBack readBack, ServiceAllocator services, AdmissionChain admission,
                 WebhookAdmission webhooks) {
        this.readBack = readBack;
        this.objects = objects;
        this.cache = cache;
        this.services = services;
        this.admission = admission;
        this.webhooks = new WebhookWrites(webhooks, cache, objects);
        this.webhookPatch = new WebhookPatch(this.webhooks, this::send, Clock.systemUTC());
    }

    CompletionStage<HttpResponse> create(ApiRequest req) {
        ResourceKind kind = req.kind();
        ObjectNode obj = Bodies.object(req);
        checkKind(kind, obj);
        List<String> warnings = FieldValidation.apply(req, kind, obj);
        RequestNamespace.ensure(kind, obj, req.namespace());
        ObjectNode meta = Json.metadata(obj);
        String name = meta.path("name").asText("");
        String generateName = meta.path("generateName").asText("");
        List<Cause> nameless = ObjectMetaValidation.nameOrGenerateName(meta);
        if (!nameless.isEmpty()) throw new ApiException(ApiError.invalid(kind.group(), kind.kind(), "", nameless));
        admission.admit(new AdmissionRequest(AdmissionRequest.Operation.CREATE, kind, req.namespace(), obj, req.dryRun()));
        List<String> all = new ArrayList<>(warnings);
        return answer(webhooks.mutateCreate(req, obj).thenCompose(mutated -> {
            all.addAll(mutated.warnings());
            boolean named = !mutated.object().path("metadata").path("name").asText("").isEmpty();
            return createNamed(req, mutated.object(), named ? null : mutated.object().path("metadata").path("generateName").asText(""), 3, all);
        }), all);
    }

    private static HttpResponse withWarnings(HttpResponse response, List<String> warnings) {
        HttpResponse out = response;
        for (String w : warnings.stream().distinct().toList()) out = out.addHeader(RawHeader.create("Warning", FieldValidation.headerValue(w)));
        return out;
    }

    /** The response with its warnings; a webhook's refusal becomes its Status, with the warnings given before it. */
    private static CompletionStage<HttpResponse> answer(CompletionStage<HttpResponse> response, List<String> warnings) {
        return response.handle((r, t) -> {
            if (t == null) return withWarnings(r, warnings);
            Throwable cause = t instanceof CompletionException && t.getCause() != null ? t.getCause() : t;
            if (cause instanceof WebhookRefusal refusal) {
                List<String> all = new ArrayList<>(warnings);
                all.addAll(refusal.warnings());
                return withWarnings(Responses.error(refusal.error()), all);
            }
            throw t instanceof CompletionException ce ? ce : new CompletionException(t);
        });
    }

    /** The validating webhooks see the object with its final name, so a generated name is reviewed on each attempt. */
    private CompletionStage<HttpResponse> createNamed(ApiRequest req, ObjectNode obj, String generateName, int attempts, List<String> warnings) {
        ObjectNode body = obj;
        if (generateName != null) {
            body = obj.deepCopy();
            body.with("metadata").put("name", GeneratedNames.from(generateName, random));
        }
        String name = body.path("metadata").path("name").asText();
        String id = ObjectEntity.entityId(req.kind(), req.namespace(), name);
        return webhooks.validateCreate(req, body).thenCompose(validated -> {
            warnings.addAll(validated.warnings());
            return send(req, id, 0, (seq, dryRun) -> r -> new ObjectCommand.Create(validated.object(), dryRun, r));
        }).thenCompose(reply -> {
            if (generateName != null && attempts > 1 && reply instanceof ObjectReply.Rejected rej && rej.error().code() == 409) {
                return createNamed(req, obj, generateName, attempts - 1, warnings);
            }
            return respond(req, id, reply, 201);
        });
    }

    CompletionStage<HttpResponse> update(ApiRequest req) {
        ObjectNode obj = Bodies.object(req);
        checkKind(req.kind(), obj);
        List<String> warnings = FieldValidation.apply(req, req.kind(), obj);
        ObjectNode meta = Json.metadata(obj);
        String bodyName = meta.path("name").asText("");
        if (!bodyName.isEmpty() && !bodyName.equals(req.path().name())) {
            throw new ApiException(ApiError.badRequest("the name of the object (" + bodyName
                    + ") does not match the name on the URL (" + req.path().name() + ")"));
        }
        RequestNamespace.ensure(req.kind(), obj, req.namespace());
        meta.put("name", req.path().name());
        String id = entityId(req);
        boolean status = "status".equals(req.path().subresource());
        List<String> all = new ArrayList<>(warnings);
        return answer(expectedSeqNr(req, meta.path("resourceVersion").asText(""))
                .thenCompose(seq -> webhooks.update(req, obj).thenCompose(admitted -> {
                    all.addAll(admitted.warnings());
                    return send(req, id, seq, (s, dryRun) -> r -> new ObjectCommand.Update(admitted.object(), s, status, dryRun, r));
                }))
                .thenCompose(reply -> respond(req, id, reply, 200)), all);
    }

    /** PUT namespaces/{name}/finalize: only spec.finalizers of the body is used. */
    CompletionStage<HttpResponse> finalizeNamespace(ApiRequest req) {
        ObjectNode obj = Bodies.object(req);
        String id = entityId(req);
        return objects.ask(req.kind(), id, r -> new ObjectCommand.Finalize(obj.path("spec").path("finalizers"), r))
                .thenCompose(reply -> respond(req, id, reply, 200));
    }

    CompletionStage<HttpResponse> patch(ApiRequest req) {
        String contentType = req.http().entity().getContentType().toString();
        PatchType type = PatchType.fromContentType(contentType)
                .orElseThrow(() -> new ApiException(ApiError.unsupportedMediaType(contentType)));
        if (type == PatchType.STRATEGIC_MERGE_PATCH && req.kind().isCustom()) throw new ApiException(ApiError.unsupportedPatchType());
        JsonNode patch = Json.parse(req.body(), type == PatchType.APPLY_PATCH);
        String manager = req.param("fieldManager");
        if (type == PatchType.APPLY_PATCH && (manager == null || manager.isEmpty())) {
            throw new ApiException(ApiError.badRequest("PatchOptions.meta.k8s.io \"\" is invalid: fieldManager: Required value: is required for apply patch"));
        }
        if (type == PatchType.APPLY_PATCH && patch instanceof ObjectNode applied) {
            checkKind(req.kind(), applied);
            // the namespace itself is set on the merged object, so the manager does not come to own it
            RequestNamespace.check(req.kind(), applied, req.namespace());
            admission.admit(new AdmissionRequest(AdmissionRequest.Operation.CREATE, req.kind(), req.namespace(), applied, req.dryRun()));
        }
        List<String> warnings = type == PatchType.JSON_PATCH ? List.of() : FieldValidation.apply(req, req.kind(), patch);
        if (type == PatchType.APPLY_PATCH) ServedVersion.toStorage(req.kind(), patch);
        String id = entityId(req);
        boolean status = "status".equals(req.path().subresource());
        String rv = patch.path("metadata").path("resourceVersion").asText("");
        boolean reviewed = webhooks.mayApply(req, AdmissionRequest.Operation.UPDATE)
                || (type == PatchType.APPLY_PATCH && webhooks.mayApply(req, AdmissionRequest.Operation.CREATE));
        if (reviewed) {
            List<String> all = new ArrayList<>(warnings);
            String fieldManager = manager == null ? "" : manager;
            return answer(expectedSeqNr(req, type == PatchType.APPLY_PATCH ? "" : rv)
                    .thenCompose(seq -> webhookPatch.patch(new WebhookPatch.Request(req, type, patch, fieldManager, seq), all))
                    .thenCompose(reply -> respond(req, id, reply, 201)), all);
        }
        return expectedSeqNr(req, type == PatchType.APPLY_PATCH ? "" : rv)
                .thenCompose(seq -> send(req, id, seq, (s, dryRun) -> r -> new ObjectCommand.Patch(type.name(), patch, s, status,
                        manager == null ? "" : manager, req.flag("force"), dryRun, r)))
                .thenCompose(reply -> respond(req, id, reply, 201))
                .thenApply(r -> withWarnings(r, warnings));
    }

    CompletionStage<HttpResponse> delete(ApiRequest req) {
        String id = entityId(req);
        JsonNode options = req.body().length == 0 ? Json.object() : Json.parse(req.body(), false);
        String uid = options.path("preconditions").path("uid").asText("");
        String rv = options.path("preconditions").path("resourceVersion").asText("");
        boolean dryRun = req.dryRun() || options.path("dryRun").toString().contains("All");
        long grace = gracePeriod(req, options);
        String policy = propagationPolicy(req, options);
        List<String> warnings = new ArrayList<>(jobWarning(req.kind(), policy));
        return answer(expectedSeqNr(req, rv)
                .thenCompose(seq -> webhooks.delete(req, options, dryRun, policy).thenCompose(admitted -> {
                    warnings.addAll(admitted.warnings());
                    return sendDelete(req.kind(), id, r -> new ObjectCommand.Delete(seq, uid, grace, policy, dryRun, r));
                }))
                .thenCompose(reply -> respond(req, id, reply, 200)), warnings);
    }

    /**
     * propagationPolicy from the query or the DeleteOptions body, or the deprecated
     * orphanDependents (true: Orphan, false: Background); "" for the kind's default.
     */
    private static String propagationPolicy(ApiRequest req, JsonNode options) {
        String policy = req.param("propagationPolicy");
        if (policy == null || policy.isEmpty()) policy = options.path("propagationPolicy").asText("");
        Optional<Boolean> orphan = req.optionalFlag("orphanDependents");
        if (policy.isEmpty() && orphan.isPresent()) policy = orphan.get() ? "Orphan" : "Background";
        if (policy.isEmpty() && options.has("orphanDependents") && !options.get("orphanDependents").isNull()) {
            policy = options.get("orphanDependents").asBoolean() ? "Orphan" : "Background";
        }
        DeletionPropagation.check(policy);
        return policy;
    }

    /** kube-apiserver's warning for a Job deleted without a policy: its pods stay. */
    private static List<String> jobWarning(ResourceKind kind, String policy) {
        if (!policy.isEmpty() || !kind.entityTypeName().equals("Job.batch")) return List.of();
        return List.of("child pods are preserved by default when jobs are deleted; set propagationPolicy=Background to remove them or set "
                + "propagationPolicy=Orphan to suppress this warning");
    }

    /** gracePeriodSeconds from the query or the DeleteOptions body; absent means the object's default. */
    private static long gracePeriod(ApiRequest req, JsonNode options) {
        String q = req.param("gracePeriodSeconds");
        if (q != null && !q.isEmpty()) {
            try {
                return Math.max(0, Long.parseLong(q));
            } catch (NumberFormatException e) {
                throw new ApiException(ApiError.badRequest("gracePeriodSeconds must be a whole number, not \"" + q + "\""));
            }
        }
        JsonNode g = options.get("gracePeriodSeconds");
        return g != null && g.canConvertToLong() ? Math.max(0, g.asLong()) : ObjectCommand.Delete.DEFAULT_GRACE;
    }

    /** POST pods/{name}/binding: assigns the pod to the Binding's target node. */
    CompletionStage<HttpResponse> bind(ApiRequest req) {
        ObjectNode binding = Bodies.object(req);
        String node = binding.path("target").path("name").asText("");
        if (node.isEmpty()) {
            throw new ApiException(ApiError.invalid("", "Binding", req.path().name(), List.of(dev.podium.model.api.Cause.required("target.name"))));
        }
        String id = entityId(req);
        String uid = binding.path("metadata").path("uid").asText("");
        return objects.ask(req.kind(), id, r -> new ObjectCommand.Bind(node, uid, r)).thenCompose(reply -> {
            if (reply instanceof ObjectReply.Rejected rej) return CompletableFuture.completedFuture(Responses.error(rej.error()));
            ObjectReply.Done done = (ObjectReply.Done) reply;
            return readBack.await(ObjectEntity.persistenceId(req.kind(), id), done.seqNr(), WAIT_FOR_CACHE_MILLIS)
                    .thenApply(rv -> Responses.success("pods", req.path().name(), "").withStatus(201));
        });
    }

    /** DELETE on a collection: deletes every object the selectors pick, one entity at a time. */
    CompletionStage<HttpResponse> deleteCollection(ApiRequest req) {
        Selection selected = Selection.of(req);
        List<CachedObject> victims = cache.list(req.kind().entityTypeName(), req.namespace(), selected.indexes(), selected.predicate(), 0, null).items();
        List<CompletableFuture<ObjectReply>> all = new ArrayList<>();
        JsonNode options = req.body().length == 0 ? Json.object() : Json.parse(req.body(), false);
        String policy = propagationPolicy(req, options);
        long grace = gracePeriod(req, options);
        boolean reviewed = webhooks.mayApply(req, AdmissionRequest.Operation.DELETE);
        List<String> warnings = Collections.synchronizedList(new ArrayList<>());
        for (CachedObject o : victims) {
            String id = o.key();
            CompletionStage<ObjectReply> reply = !reviewed
                    ? sendDelete(req.kind(), id, r -> new ObjectCommand.Delete(0, "", grace, policy, req.dryRun(), r))
                    : webhooks.delete(req, o.object(), options, req.dryRun(), policy).thenCompose(admitted -> {
                        warnings.addAll(admitted.warnings());
                        return sendDelete(req.kind(), id, r -> new ObjectCommand.Delete(0, "", grace, policy, req.dryRun(), r));
                    });
            all.add(reply.toCompletableFuture());
        }
        return answer(CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).thenApply(v -> {
            ObjectNode list = Json.object();
            list.put("kind", req.kind().kind() + "List");
            list.put("apiVersion", req.kind().apiVersion());
            list.putObject("metadata").put("resourceVersion", Long.toString(cache.currentResourceVersion()));
            var items = list.putArray("items");
            for (CompletableFuture<ObjectReply> f : all) {
                if (f.join() instanceof ObjectReply.Done d) items.add(ServedVersion.of(req.kind(), d.object()));
            }
            return Responses.json(200, list);
        }), warnings);
    }

    /**
     * Sends a create, update or patch; a Service's goes through the allocator, which claims its
     * cluster IP and node ports (a dry run or a status write claims nothing).
     */
    private CompletionStage<ObjectReply> send(ApiRequest req, String id, long expectedSeqNr, ServiceAllocator.Write write) {
        if (isService(req.kind()) && !req.dryRun() && !"status".equals(req.path().subresource())) return services.write(id, expectedSeqNr, write);
        return objects.ask(req.kind(), id, write.command(expectedSeqNr, req.dryRun()));
    }

    /** Sends a delete; when it removes a Service, its cluster IP and node ports are released before the reply. */
    private CompletionStage<ObjectReply> sendDelete(ResourceKind kind, String id, Function<ActorRef<ObjectReply>, ObjectCommand> delete) {
        CompletionStage<ObjectReply> reply = objects.ask(kind, id, delete);
        return isService(kind) ? reply.thenCompose(services::deleted) : reply;
    }

    private static boolean isService(ResourceKind kind) {
        return kind.group().isEmpty() && kind.kind().equals("Service");
    }

    /**
     * The entity sequence number a client's resourceVersion stands for: the cache maps the
     * version it holds for the object back to the event that produced it. A version the cache
     * does not hold for that object is stale (Long.MAX_VALUE never matches).
     */
    private CompletionStage<Long> expectedSeqNr(ApiRequest req, String rv) {
        if (rv == null || rv.isEmpty()) return CompletableFuture.completedFuture(0L);
        long wanted = ReadHandler.parseVersion(rv);
        return cache.awaitResourceVersion(wanted, 2_000).handle((v, t) -> {
            Optional<CachedObject> cur = cache.get(req.kind().entityTypeName(), req.key());
            return cur.filter(c -> c.resourceVersion() == wanted).map(CachedObject::seqNr).orElse(Long.MAX_VALUE);
        });
    }

    private CompletionStage<HttpResponse> respond(ApiRequest req, String id, ObjectReply reply, int createdCode) {
        if (reply instanceof ObjectReply.Rejected r) return CompletableFuture.completedFuture(Responses.error(r.error()));
        ObjectReply.Done done = (ObjectReply.Done) reply;
        ObjectNode out = done.object().deepCopy();
        ServedVersion.toServed(req.kind(), out);
        int code = done.outcome() == ObjectReply.Outcome.CREATED ? createdCode : 200;
        if (done.outcome() == ObjectReply.Outcome.DRY_RUN_CREATED) {
            Json.metadata(out).remove("resourceVersion");
            return CompletableFuture.completedFuture(Responses.ok(out, req.wantsYaml()).withStatus(createdCode));
        }
        if (done.outcome() == ObjectReply.Outcome.DRY_RUN) {
            String rv = cache.get(req.kind().entityTypeName(), req.key()).map(c -> Long.toString(c.resourceVersion())).orElse("");
            Json.metadata(out).put("resourceVersion", rv);
            return CompletableFuture.completedFuture(Responses.ok(out, req.wantsYaml()));
        }
        String pid = ObjectEntity.persistenceId(req.kind(), id);
        return readBack.await(pid, done.seqNr(), WAIT_FOR_CACHE_MILLIS).handle((rv, t) -> {
            if (t instanceof ReadBack.StoredButUnreadable || t != null && t.getCause() instanceof ReadBack.StoredButUnreadable) {
                return Responses.error(ApiError.timeout(new ReadBack.StoredButUnreadable().getMessage()));
            }
            if (t != null) {
                return Responses.error(ApiError.timeout("the write was stored but did not become readable within "
                        + WAIT_FOR_CACHE_MILLIS / 1000 + "s; it will appear shortly - retry the read"));
            }
            Json.metadata(out).put("resourceVersion", Long.toString(rv));
            return HttpResponse.create().withStatus(code).withEntity(Responses.ok(out, req.wantsYaml()).entity());
        });
    }

    private static void checkKind(ResourceKind kind, ObjectNode obj) {
        String k = obj.path("kind").asText("");
        String av = obj.path("apiVersion").asText("");
        if (!k.isEmpty() && !k.equals(kind.kind())) {
            throw new ApiException(ApiError.badRequest(k + " in version \"" + (av.isEmpty() ? kind.version() : av)
                    + "\" cannot be handled as a " + kind.kind() + ": the body is a " + k + ", not a " + kind.kind()));
        }
        if (!av.isEmpty() && !av.equals(kind.apiVersion())) {
            throw new ApiException(ApiError.badRequest("the API version in the data (" + av + ") does not match the expected API version ("
                    + kind.apiVersion() + ")"));
        }
    }

    private static String entityId(ApiRequest req) {
        return ObjectEntity.entityId(req.kind(), req.namespace(), req.path().name());
    }
}
