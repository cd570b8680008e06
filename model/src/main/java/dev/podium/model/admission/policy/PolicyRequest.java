package dev.podium.model.admission.policy;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.List;
import java.util.Map;

/**
 * A write as admission policies see it (kube's admission.Attributes). {@code namespace} is "" for cluster-scoped
 * resources, except a Namespace's own updates and deletes, which carry its name as kube's request info does.
 * {@code object} is null for DELETE, {@code oldObject} for CREATE. {@code namespaceObject} is the stored Namespace
 * named by {@code namespace} (null when there is none), for namespaceSelector and the CEL variable of that name.
 */
public record PolicyRequest(Operation operation, String group, String version, String resource, String subResource,
                            String kind, String name, String namespace, ObjectNode object, ObjectNode oldObject,
                            ObjectNode namespaceObject, boolean dryRun, UserInfo userInfo) {
    public enum Operation { CREATE, UPDATE, DELETE, CONNECT }

    /** Who sent the request; {@code extra} may be empty. */
    public record UserInfo(String username, String uid, List<String> groups, Map<String, List<String>> extra) {
        public UserInfo {
            username = username == null ? "" : username;
            uid = uid == null ? "" : uid;
            groups = groups == null ? List.of() : List.copyOf(groups);
            extra = extra == null ? Map.of() : Map.copyOf(extra);
        }

        public UserInfo(String username, List<String> groups) {
            this(username, "", groups, Map.of());
        }
    }

    public PolicyRequest {
        group = group == null ? "" : group;
        version = version == null ? "" : version;
        resource = resource == null ? "" : resource;
        subResource = subResource == null ? "" : subResource;
        kind = kind == null ? "" : kind;
        name = name == null ? "" : name;
        namespace = namespace == null ? "" : namespace;
        userInfo = userInfo == null ? new UserInfo("", List.of()) : userInfo;
    }

    /** A request on the Namespace resource itself, which kube's matchers treat specially. */
    boolean isNamespace() {
        return group.isEmpty() && resource.equals("namespaces");
    }

    /** "deployments.apps" or "pods": the qualified resource of kube's Forbidden messages. */
    String groupResource() {
        return group.isEmpty() ? resource : resource + "." + group;
    }
}
