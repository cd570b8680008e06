package dev.podium.model.admission.policy;

import dev.podium.model.api.ApiError;

import java.util.List;

/** What one policy and binding want done with a request, as kube's ValidatingAdmissionPolicy plugin does it. */
public sealed interface PolicyOutcome {
    String policy();

    /** The binding, or null for the policy's own configuration error and for its audit annotations. */
    String binding();

    /**
     * The request is refused. {@code message} is kube's {@code ValidatingAdmissionPolicy 'P' with binding 'B' denied
     * request: M}; {@code error} the whole Status (kube answers with the first denial only).
     */
    record Deny(String policy, String binding, String message, ApiError error) implements PolicyOutcome {}

    /** A warning for the response's Warning header (code 299): {@code Validation failed for ValidatingAdmissionPolicy 'P' with binding 'B': M}. */
    record Warn(String policy, String binding, String warning) implements PolicyOutcome {}

    /**
     * A failure the binding audits: kube adds {@code annotationKey} (validation.policy.admission.k8s.io/validation_failure)
     * with {@code annotationValue}, a JSON list of {message, policy, binding, expressionIndex, validationActions}.
     */
    record Audit(String policy, String binding, String message, int expressionIndex, List<String> validationActions,
                 String annotationKey, String annotationValue) implements PolicyOutcome {}

    /** An audit annotation of the policy's auditAnnotations: key {@code policy/key}, the values of all bindings joined by ", ". */
    record AuditAnnotation(String policy, String key, String value) implements PolicyOutcome {
        @Override
        public String binding() {
            return null;
        }
    }
}
