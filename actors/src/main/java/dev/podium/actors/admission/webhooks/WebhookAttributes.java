package dev.podium.actors.admission.webhooks;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.podium.actors.admission.AdmissionRequest.Operation;
import dev.podium.model.kinds.ResourceKind;

/**
 * A write as admission webhooks see it (kube's admission.Attributes): the operation on which
 * resource, the object after the write (null for DELETE), the object before it (null for CREATE)
 * and the operation's options ({@code CreateOptions}, {@code UpdateOptions}, {@code DeleteOptions}).
 * {@code namespace} is "" for cluster-scoped kinds, except a Namespace's own updates and deletes,
 * which carry its name as kube's request info does.
 */
public record WebhookAttributes(Operation operation, ResourceKind kind, String subresource, String namespace, String name,
                                ObjectNode object, ObjectNode oldObject, boolean dryRun, ObjectNode options) {
    public WebhookAttributes {
        subresource = subresource == null ? "" : subresource;
        namespace = namespace == null ? "" : namespace;
        name = name == null ? "" : name;
    }

    public WebhookAttributes withObject(ObjectNode next) {
        return new WebhookAttributes(operation, kind, subresource, namespace, name, next, oldObject, dryRun, options);
    }

    public WebhookAttributes withName(String next) {
        return new WebhookAttributes(operation, kind, subresource, namespace, next, object, oldObject, dryRun, options);
    }

    /** Requests for a Namespace itself, which kube's matchers treat as both cluster-scoped and namespaced. */
    boolean isNamespace() {
        return kind.group().isEmpty() && kind.plural().equals("namespaces");
    }
}
