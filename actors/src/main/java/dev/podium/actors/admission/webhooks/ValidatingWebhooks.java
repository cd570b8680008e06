package dev.podium.actors.admission.webhooks;

import dev.podium.model.api.ApiError;
import dev.podium.model.api.ApiException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Validating webhooks, all called at once (kube's validating dispatcher). Every answer's warnings
 * are kept; the first refusal in configuration order is the one answered.
 */
final class ValidatingWebhooks {
    private static final Logger log = LoggerFactory.getLogger(ValidatingWebhooks.class);
    private final Matching matching;
    private final WebhookCall calls;

    ValidatingWebhooks(Matching matching, WebhookCall calls) {
        this.matching = matching;
        this.calls = calls;
    }

    private record Outcome(Webhook hook, WebhookResponse response, Throwable failure) {}

    CompletionStage<List<String>> run(List<Webhook> hooks, WebhookAttributes a) {
        List<CompletableFuture<Outcome>> outcomes = new ArrayList<>();
        try {
            for (Webhook hook : hooks) {
                Optional<Invocation> invocation = matching.match(hook, a);
                invocation.ifPresent(inv -> outcomes.add(calls.call(inv, a).handle((r, t) -> new Outcome(hook, r, t)).toCompletableFuture()));
            }
        } catch (ApiException e) {
            return CompletableFuture.failedFuture(new WebhookRefusal(e.error(), List.of()));
        }
        if (outcomes.isEmpty()) return CompletableFuture.completedFuture(List.of());
        return CompletableFuture.allOf(outcomes.toArray(CompletableFuture[]::new)).thenApply(v -> {
            List<String> warnings = new ArrayList<>();
            ApiError refusal = null;
            for (CompletableFuture<Outcome> f : outcomes) {
                Outcome o = f.join();
                if (o.response() != null) warnings.addAll(o.response().warnings());
                ApiError error = error(o);
                if (refusal == null) refusal = error;
            }
            if (refusal != null) throw new WebhookRefusal(refusal, warnings);
            return warnings;
        });
    }

    /** Why this webhook refuses the request, or null when it lets it through. */
    private static ApiError error(Outcome o) {
        String name = o.hook().name();
        if (o.failure() == null) return o.response().allowed() ? null : WebhookStatus.denied(name, o.response().status());
        Throwable cause = CallErrors.unwrap(o.failure());
        if (cause instanceof CallFailure f) {
            if (!o.hook().failOpen()) return WebhookStatus.callFailed(name, f.reason());
            log.warn("Failed calling webhook, failing open {}: {}", name, f.reason());
            return null;
        }
        if (cause instanceof ApiException e) return e.error();
        return WebhookStatus.internal(String.valueOf(cause.getMessage()));
    }
}
