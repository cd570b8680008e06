package dev.podium.model.api;

import java.util.List;

/**
 * A rejected request, shaped like a Kubernetes {@code Status}: HTTP code, machine reason,
 * human message and, for 422, the offending fields. Nothing is written when one is produced.
 */
public record ApiError(int code, String reason, String message, Details details) {

    public record Details(String group, String kind, String name, List<Cause> causes, Integer retryAfterSeconds) {
        public Details(String group, String kind, String name, List<Cause> causes) {
            this(group, kind, name, causes, null);
        }
    }

    public static ApiError badRequest(String message) {
        return new ApiError(400, "BadRequest", message, null);
    }

    public static ApiError notFound(String group, String resource, String name) {
        return new ApiError(404, "NotFound", resource + (group.isEmpty() ? "" : "." + group) + " \"" + name + "\" not found",
                new Details(group, resource, name, null));
    }

    public static ApiError notFoundPath(String message) {
        return new ApiError(404, "NotFound", message, null);
    }

    public static ApiError alreadyExists(String group, String resource, String name) {
        return new ApiError(409, "AlreadyExists", resource + (group.isEmpty() ? "" : "." + group) + " \"" + name + "\" already exists",
                new Details(group, resource, name, null));
    }

    public static ApiError conflict(String group, String resource, String name, String why) {
        return new ApiError(409, "Conflict", "Operation cannot be fulfilled on " + resource + (group.isEmpty() ? "" : "." + group)
                + " \"" + name + "\": " + why, new Details(group, resource, name, null));
    }

    public static ApiError staleVersion(String group, String resource, String name) {
        return conflict(group, resource, name, "the object has been modified; please apply your changes to the latest version and try again");
    }

    public static ApiError invalid(String group, String kind, String name, List<Cause> causes) {
        StringBuilder msg = new StringBuilder("The ").append(kind).append(" \"").append(name).append("\" is invalid: ");
        if (causes.size() == 1) {
            Cause c = causes.get(0);
            msg.append(c.field()).append(": ").append(c.message());
        } else {
            msg.append('[');
            for (int i = 0; i < causes.size(); i++) {
                if (i > 0) msg.append(", ");
                msg.append(causes.get(i).field()).append(": ").append(causes.get(i).message());
            }
            msg.append(']');
        }
        return new ApiError(422, "Invalid", msg.toString(), new Details(group, kind, name, List.copyOf(causes)));
    }

    /** kube's NewForbidden: {@code secrets "x" is forbidden: why}, or without a name {@code secrets is forbidden: why}; {@code forbidden: why} for a path. */
    public static ApiError forbidden(String group, String resource, String name, String why) {
        String qualified = resource + (group.isEmpty() ? "" : "." + group);
        String subject = resource.isEmpty() ? "forbidden" : name.isEmpty() ? qualified + " is forbidden" : qualified + " \"" + name + "\" is forbidden";
        return new ApiError(403, "Forbidden", subject + ": " + why,
                resource.isEmpty() ? new Details(null, null, null, null) : new Details(group, resource, name.isEmpty() ? null : name, null));
    }

    /** A request whose credentials no authenticator accepts (or, where anonymous requests are refused, one without any). */
    public static ApiError unauthorized() {
        return new ApiError(401, "Unauthorized", "Unauthorized", null);
    }

    public static ApiError methodNotAllowed(String message) {
        return new ApiError(405, "MethodNotAllowed", message, null);
    }

    public static ApiError unsupportedMediaType(String contentType) {
        return new ApiError(415, "UnsupportedMediaType", "the body of the request was in an unknown format - accepted media types include: "
                + "application/json, application/yaml, application/vnd.kubernetes.protobuf (got " + contentType + ")", null);
    }

    /** A strategic merge patch of a custom resource: it has no Go struct to carry patch strategies. */
    public static ApiError unsupportedPatchType() {
        return new ApiError(415, "UnsupportedMediaType", "the body of the request was in an unknown format - accepted media types include: "
                + "application/json-patch+json, application/merge-patch+json, application/apply-patch+yaml", null);
    }

    public static ApiError tooLarge() {
        return new ApiError(413, "RequestEntityTooLarge", "Request entity too large: limit is 3145728", null);
    }

    public static ApiError gone(String message) {
        return new ApiError(410, "Expired", message, null);
    }

    public static ApiError timeout(String message) {
        return new ApiError(504, "Timeout", message, null);
    }

    public static ApiError internal(String message) {
        return new ApiError(500, "InternalError", "Internal error occurred: " + message, null);
    }
}
