package dev.podium.actors.admission.webhooks;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.podium.actors.admission.AdmissionRequest.Operation;
import dev.podium.model.admission.policy.PolicyDecisions;
import dev.podium.model.kinds.Kinds;
import dev.podium.model.kinds.ResourceKind;
import dev.podium.model.validation.Nodes;
import dev.podium.persistence.watch.CachedObject;
import dev.podium.persistence.watch.WatchCache;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;

/**
 * The MutatingAdmissionWebhook, ValidatingAdmissionPolicy and ValidatingAdmissionWebhook plugins:
 * the configurations and policies are read from the member's watch cache at each request (in
 * name order), namespaces' labels too; a policy's denial comes before any validating webhook is called.
 * Nothing blocks: calls go out through the {@link WebhookClient}, and a request no webhook
 * applies to completes at once on the caller's thread.
 */
public final class WebhookAdmission {
    static final String MUTATING = "MutatingWebhookConfiguration.admissionregistration.k8s.io";
    static final String VALIDATING = "ValidatingWebhookConfiguration.admissionregistration.k8s.io";
    private final WatchCache cache;
    private final Kinds kinds;
    private final MutatingWebhooks mutating;
    private final ValidatingWebhooks validating;
    private final ValidatingPolicies policies;

    public WebhookAdmission(WatchCache cache, Kinds kinds, WebhookClient client) {
        this.cache = cache;
        this.kinds = kinds;
        WebhookCall calls = new WebhookCall(client, this::resolve);
        this.mutating = new MutatingWebhooks(this::match, calls);
        this.validating = new ValidatingWebhooks(this::match, calls);
        this.policies = new ValidatingPolicies(cache, kinds);
    }

    /**
     * Whether the rules of some webhook name this operation on this resource, whatever the
     * objects and their namespace: writes no webhook can apply to skip building what webhooks see.
     */
    public boolean mayApply(Operation operation, ResourceKind kind, String subresource, String namespace) {
        if (WebhookMatcher.exempt(kind)) return false;
        if (policies.any()) return true;
        WebhookAttributes a = new WebhookAttributes(operation, kind, subresource, namespace, "", null, null, false, null);
        List<Webhook> hooks = new ArrayList<>(webhooks(MUTATING, true));
        hooks.addAll(webhooks(VALIDATING, false));
        return hooks.stream().anyMatch(h -> WebhookMatcher.ruleMatch(h, a, equivalents(kind)).isPresent());
    }

    /** The mutating webhooks in turn; fails with a {@link WebhookRefusal}. */
    public CompletionStage<Admitted> mutate(WebhookAttributes a) {
        List<Webhook> hooks = WebhookMatcher.exempt(a.kind()) ? List.of() : webhooks(MUTATING, true);
        if (hooks.isEmpty()) return CompletableFuture.completedFuture(new Admitted(a.object(), List.of()));
        return mutating.run(hooks, a);
    }

    /** The validating policies, then the validating webhooks, on the object as it will be stored; fails with a {@link WebhookRefusal}. */
    public CompletionStage<Admitted> validate(WebhookAttributes a) {
        if (WebhookMatcher.exempt(a.kind())) return CompletableFuture.completedFuture(new Admitted(a.object(), List.of()));
        PolicyDecisions decided = policies.decide(a);
        List<String> warned = decided.warnings();
        if (decided.denial().isPresent()) return CompletableFuture.failedFuture(new WebhookRefusal(decided.denial().get(), warned));
        List<Webhook> hooks = webhooks(VALIDATING, false);
        if (hooks.isEmpty()) return CompletableFuture.completedFuture(new Admitted(a.object(), warned));
        return validating.run(hooks, a).thenApply(warnings -> {
            List<String> all = new ArrayList<>(warned);
            all.addAll(warnings);
            return new Admitted(a.object(), all);
        });
    }

    private List<Webhook> webhooks(String configurationKind, boolean isMutating) {
        List<Webhook> out = new ArrayList<>();
        for (CachedObject c : cache.list(configurationKind, null, o -> true, 0, null).items()) out.addAll(Webhook.of(c.object(), isMutating));
        return out;
    }

    private Optional<Invocation> match(Webhook hook, WebhookAttributes a) {
        return WebhookMatcher.match(hook, a, equivalents(a.kind()), this::namespaceLabels);
    }

    /** The other served versions of the same resource (a custom resource's, with conversion None). */
    private Supplier<List<ResourceKind>> equivalents(ResourceKind kind) {
        return () -> kinds.all().stream()
                .filter(k -> k.group().equals(kind.group()) && k.plural().equals(kind.plural()) && !k.version().equals(kind.version()))
                .toList();
    }

    private Optional<Map<String, String>> namespaceLabels(String namespace) {
        return cache.get("Namespace", namespace).map(ns -> Nodes.stringMap(ns.object().get("metadata"), "labels"));
    }

    private String resolve(Target.ServiceRef ref) {
        String key = ref.namespace() + "/" + ref.name();
        ObjectNode service = cache.get("Service", key).map(CachedObject::object).orElse(null);
        ObjectNode endpoints = cache.get("Endpoints", key).map(CachedObject::object).orElse(null);
        return ServiceEndpoints.resolve(ref, service, endpoints);
    }
}
