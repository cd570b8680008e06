package dev.podium.actors.admission.webhooks;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.podium.model.admission.policy.ParamSource;
import dev.podium.model.admission.policy.PolicyDecisions;
import dev.podium.model.admission.policy.PolicyRequest;
import dev.podium.model.kinds.Kinds;
import dev.podium.model.kinds.ResourceKind;
import dev.podium.persistence.watch.CachedObject;
import dev.podium.persistence.watch.WatchCache;

import java.util.List;
import java.util.Optional;

/**
 * The ValidatingAdmissionPolicy plugin: the policies, their bindings, the params they name and
 * the request's namespace, read from the member's watch cache at each request; the decisions
 * are the model's ({@link PolicyDecisions}). It runs in the validating phase, before the
 * validating webhooks, as in kube-apiserver.
 */
final class ValidatingPolicies {
    static final String POLICY = "ValidatingAdmissionPolicy.admissionregistration.k8s.io";
    static final String BINDING = "ValidatingAdmissionPolicyBinding.admissionregistration.k8s.io";
    private static final PolicyRequest.UserInfo USER = new PolicyRequest.UserInfo("system:admin", List.of("system:masters", "system:authenticated"));
    private final WatchCache cache;
    private final Kinds kinds;

    ValidatingPolicies(WatchCache cache, Kinds kinds) {
        this.cache = cache;
        this.kinds = kinds;
    }

    /** Whether any policy is bound at all: without a binding no policy can apply. */
    boolean any() {
        return !cache.list(BINDING, null, o -> true, 1, null).items().isEmpty();
    }

    PolicyDecisions decide(WebhookAttributes a) {
        if (!any()) return new PolicyDecisions(List.of());
        ResourceKind k = a.kind();
        ObjectNode namespace = a.namespace().isEmpty() ? null : cache.get("Namespace", a.namespace()).map(CachedObject::object).orElse(null);
        PolicyRequest request = new PolicyRequest(PolicyRequest.Operation.valueOf(a.operation().name()), k.group(), k.version(), k.plural(),
                a.subresource(), k.kind(), a.name(), a.namespace(), a.object(), a.oldObject(), namespace, a.dryRun(), USER);
        return PolicyDecisions.evaluate(objects(POLICY), objects(BINDING), params(), request);
    }

    private List<ObjectNode> objects(String kind) {
        return cache.list(kind, null, o -> true, 0, null).items().stream().map(CachedObject::object).toList();
    }

    private ParamSource params() {
        return new ParamSource() {
            @Override
            public Optional<Scope> scope(String apiVersion, String kind) {
                return served(apiVersion, kind).map(k -> k.namespaced() ? Scope.NAMESPACED : Scope.CLUSTER);
            }

            @Override
            public List<ObjectNode> list(String apiVersion, String kind, String namespace) {
                return served(apiVersion, kind).map(k -> cache.list(k.entityTypeName(), namespace, o -> true, 0, null).items().stream()
                        .map(CachedObject::object).toList()).orElse(List.of());
            }
        };
    }

    private Optional<ResourceKind> served(String apiVersion, String kind) {
        return kinds.all().stream().filter(k -> k.apiVersion().equals(apiVersion) && k.kind().equals(kind)).findFirst();
    }
}
