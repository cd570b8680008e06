package dev.podium.actors.admission.webhooks;

import com.fasterxml.jackson.databind.JsonNode;
import dev.podium.model.api.ApiError;
import dev.podium.model.api.Cause;
import dev.podium.model.validation.Nodes;

import java.util.ArrayList;
import java.util.List;

/** The Status a client gets when a webhook refuses a request or cannot be called (kube's ToStatusErr and NewInternalError). */
final class WebhookStatus {
    private WebhookStatus() {}

    /**
     * A webhook's {@code allowed: false}: its own status, with a code of at least 400 and the
     * message prefixed with which webhook denied the request.
     */
    static ApiError denied(String webhook, JsonNode status) {
        String deniedBy = "admission webhook \"" + webhook + "\" denied the request";
        long code = status == null ? 0 : status.path("code").asLong(0);
        String reason = Nodes.str(status, "reason");
        String message = Nodes.str(status, "message");
        String text = !message.isEmpty() ? deniedBy + ": " + message : !reason.isEmpty() ? deniedBy + ": " + reason : deniedBy + " without explanation";
        return new ApiError(code < 400 ? 400 : (int) code, reason, text, details(status == null ? null : status.get("details")));
    }

    /** failurePolicy Fail and the webhook could not be called. */
    static ApiError callFailed(String webhook, String reason) {
        return internal("failed calling webhook \"" + webhook + "\": " + reason);
    }

    /** A webhook with side effects asked to review a dry run. */
    static ApiError dryRunUnsupported(String webhook) {
        return ApiError.badRequest("admission webhook \"" + webhook + "\" does not support dry run");
    }

    static ApiError internal(String message) {
        return new ApiError(500, "InternalError", "Internal error occurred: " + message,
                new ApiError.Details(null, null, null, List.of(new Cause(null, null, message))));
    }

    private static ApiError.Details details(JsonNode d) {
        if (d == null || !d.isObject()) return null;
        List<Cause> causes = null;
        if (d.get("causes") != null && d.get("causes").isArray()) {
            causes = new ArrayList<>();
            for (JsonNode c : d.get("causes")) causes.add(new Cause(Nodes.text(c, "reason"), Nodes.text(c, "field"), Nodes.text(c, "message")));
        }
        Long retry = Nodes.integer(d, "retryAfterSeconds");
        return new ApiError.Details(Nodes.str(d, "group"), Nodes.text(d, "kind"), Nodes.str(d, "name"), causes,
                retry == null ? null : retry.intValue());
    }
}
