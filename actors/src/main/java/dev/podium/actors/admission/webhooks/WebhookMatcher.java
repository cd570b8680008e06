package dev.podium.actors.admission.webhooks;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.podium.actors.admission.AdmissionRequest.Operation;
import dev.podium.model.admission.policy.MatchConditions;
import dev.podium.model.admission.policy.PolicyRequest;
import dev.podium.model.api.ApiError;
import dev.podium.model.api.ApiException;
import dev.podium.model.kinds.ResourceKind;
import dev.podium.model.selectors.LabelSelector;
import dev.podium.model.validation.Nodes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Whether a webhook applies to a request: kube's ShouldCallHook (namespaceSelector, objectSelector,
 * rules, then the equivalent versions of the resource under matchPolicy Equivalent, then
 * matchConditions on the object at the matched version). Pure: the namespaces' labels come from the caller.
 */
final class WebhookMatcher {
    private static final Logger log = LoggerFactory.getLogger(WebhookMatcher.class);
    private static final String GROUP = "admissionregistration.k8s.io";
    private static final Set<String> EXEMPT = Set.of("MutatingWebhookConfiguration", "ValidatingWebhookConfiguration",
            "ValidatingAdmissionPolicy", "ValidatingAdmissionPolicyBinding", "MutatingAdmissionPolicy", "MutatingAdmissionPolicyBinding");

    private WebhookMatcher() {}

    /** Writes of admission configuration are never sent to webhooks, so a broken webhook cannot lock its own fix out. */
    static boolean exempt(ResourceKind kind) {
        return kind.group().equals(GROUP) && EXEMPT.contains(kind.kind());
    }

    /**
     * The invocation when the webhook applies. A namespace that cannot be found is a 404, but
     * only for a webhook whose rules match, as in kube.
     */
    static Optional<Invocation> match(Webhook hook, WebhookAttributes a, Supplier<List<ResourceKind>> equivalents,
                                      Function<String, Optional<Map<String, String>>> namespaceLabels) {
        ApiException namespaceError = null;
        boolean namespaceMatch;
        try {
            namespaceMatch = namespaceMatches(hook.namespaceSelector(), a, namespaceLabels);
        } catch (ApiException e) {
            namespaceError = e;
            namespaceMatch = false;
        }
        if (!namespaceMatch && namespaceError == null) return Optional.empty();
        if (!objectMatches(hook.objectSelector(), a)) return Optional.empty();
        Optional<ResourceKind> kind = ruleMatch(hook, a, equivalents);
        if (kind.isEmpty()) return Optional.empty();
        if (namespaceError != null) throw namespaceError;
        if (!conditionsHold(hook, a, kind.get())) return Optional.empty();
        return Optional.of(new Invocation(hook, kind.get()));
    }

    /**
     * Any false condition skips the webhook. An error skips it under failurePolicy Ignore and refuses the
     * request under Fail, with kube's Forbidden naming the request's resource and object.
     */
    static boolean conditionsHold(Webhook hook, WebhookAttributes a, ResourceKind kind) {
        if (hook.matchConditions().isEmpty()) return true;
        MatchConditions.Result result = MatchConditions.evaluate(hook.matchConditions(), conditionRequest(a, kind));
        if (result instanceof MatchConditions.Errored e) {
            if (hook.failOpen()) return false;
            log.warn("Failed evaluating match conditions, failing closed {}: {}", hook.name(), e.message());
            throw new ApiException(forbidden(a, e.message()));
        }
        return result instanceof MatchConditions.Matched;
    }

    /** What the conditions see: the request as the webhook would be called for it, by the admin Podium reviews every request as. */
    private static PolicyRequest conditionRequest(WebhookAttributes a, ResourceKind kind) {
        return new PolicyRequest(PolicyRequest.Operation.valueOf(a.operation().name()), kind.group(), kind.version(), kind.plural(),
                a.subresource(), kind.kind(), a.name(), a.namespace(), versioned(a.object(), kind), versioned(a.oldObject(), kind), null,
                a.dryRun(), new PolicyRequest.UserInfo(AdmissionReviews.USERNAME, AdmissionReviews.GROUPS));
    }

    private static ObjectNode versioned(ObjectNode obj, ResourceKind kind) {
        return obj == null ? null : (ObjectNode) AdmissionReviews.at(obj, kind);
    }

    /** kube's apierrors.NewForbidden for the request's resource and name. */
    static ApiError forbidden(WebhookAttributes a, String message) {
        ResourceKind k = a.kind();
        String resource = k.group().isEmpty() ? k.plural() : k.plural() + "." + k.group();
        String text = a.name().isEmpty() ? resource + " is forbidden: " + message : resource + " \"" + a.name() + "\" is forbidden: " + message;
        return new ApiError(403, "Forbidden", text, new ApiError.Details(k.group(), k.plural(), a.name(), null));
    }

    /** The kind a webhook's rules match the request as, if any: the request's own, else an equivalent version. */
    static Optional<ResourceKind> ruleMatch(Webhook hook, WebhookAttributes a, Supplier<List<ResourceKind>> equivalents) {
        if (anyRule(hook, a, a.kind())) return Optional.of(a.kind());
        if (!hook.equivalentMatch()) return Optional.empty();
        for (Rule rule : hook.rules()) {
            for (ResourceKind other : equivalents.get()) {
                if (!other.version().equals(a.kind().version()) && matches(rule, a, other)) return Optional.of(other);
            }
        }
        return Optional.empty();
    }

    private static boolean anyRule(Webhook hook, WebhookAttributes a, ResourceKind kind) {
        return hook.rules().stream().anyMatch(r -> matches(r, a, kind));
    }

    private static boolean matches(Rule rule, WebhookAttributes a, ResourceKind kind) {
        boolean namespaced = !a.isNamespace() && !a.namespace().isEmpty();
        return rule.matches(a.operation().name(), kind.group(), kind.version(), kind.plural(), a.subresource(), namespaced);
    }

    /**
     * Cluster-scoped requests other than a Namespace's always match. A Namespace being created or
     * updated is matched on its new labels, anything else on its namespace's labels.
     */
    static boolean namespaceMatches(LabelSelector selector, WebhookAttributes a, Function<String, Optional<Map<String, String>>> namespaceLabels) {
        if (a.namespace().isEmpty() && !a.isNamespace()) return true;
        if (selector.isEverything()) return true;
        boolean ownLabels = a.isNamespace() && a.subresource().isEmpty() && a.object() != null
                && (a.operation() == Operation.CREATE || a.operation() == Operation.UPDATE);
        if (ownLabels) return selector.matches(labels(a.object()));
        String namespace = a.isNamespace() && a.namespace().isEmpty() ? a.name() : a.namespace();
        Map<String, String> labels = namespaceLabels.apply(namespace)
                .orElseThrow(() -> new ApiException(ApiError.notFound("", "namespaces", namespace)));
        return selector.matches(labels);
    }

    /** The new or the old object's labels match (a missing object matches nothing). */
    static boolean objectMatches(LabelSelector selector, WebhookAttributes a) {
        if (selector.isEverything()) return true;
        return (a.object() != null && selector.matches(labels(a.object()))) || (a.oldObject() != null && selector.matches(labels(a.oldObject())));
    }

    private static Map<String, String> labels(ObjectNode obj) {
        return Nodes.stringMap(obj.get("metadata"), "labels");
    }
}
