package dev.podium.actors.admission.webhooks;

import dev.podium.model.api.ApiError;

import java.util.List;

/** A request a webhook refused (or that could not be reviewed): the Status to answer with and the warnings given before. */
public final class WebhookRefusal extends RuntimeException {
    private final transient ApiError error;
    private final List<String> warnings;

    public WebhookRefusal(ApiError error, List<String> warnings) {
        super(error.message(), null, false, false);
        this.error = error;
        this.warnings = List.copyOf(warnings);
    }

    public ApiError error() {
        return error;
    }

    public List<String> warnings() {
        return warnings;
    }
}
