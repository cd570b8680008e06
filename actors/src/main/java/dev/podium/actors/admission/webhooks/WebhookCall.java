package dev.podium.actors.admission.webhooks;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.podium.model.api.ApiException;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;

/**
 * One call of one webhook: the dry-run check, the review, where to send it, the checks on the
 * answer. Fails with {@link CallFailure} (the failurePolicy decides) or {@link ApiException} (refused whatever the policy).
 */
final class WebhookCall {
    private static final List<String> DRY_RUN_SAFE = List.of("None", "NoneOnDryRun");
    private final WebhookClient client;
    private final Function<Target.ServiceRef, String> services;

    /** {@code services} resolves a Service reference to {@code host:port}, failing with a {@link CallFailure}. */
    WebhookCall(WebhookClient client, Function<Target.ServiceRef, String> services) {
        this.client = client;
        this.services = services;
    }

    CompletionStage<WebhookResponse> call(Invocation invocation, WebhookAttributes a) {
        Webhook hook = invocation.webhook();
        try {
            if (a.dryRun() && !DRY_RUN_SAFE.contains(hook.sideEffects())) throw new ApiException(WebhookStatus.dryRunUnsupported(hook.name()));
            Optional<String> version = AdmissionReviews.version(hook);
            if (version.isEmpty()) {
                throw new CallFailure("could not create admission objects: webhook does not accept known AdmissionReview versions (v1, v1beta1)");
            }
            String uid = UUID.randomUUID().toString();
            ObjectNode review = AdmissionReviews.request(uid, version.get(), invocation, a);
            return client.post(endpoint(hook), review, Duration.ofSeconds(hook.timeoutSeconds()))
                    .thenApply(body -> AdmissionReviews.verify(uid, version.get(), hook.mutating(), body));
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    /** kube's rest client adds the timeout to the URL, so its messages show it. */
    WebhookEndpoint endpoint(Webhook hook) {
        String query = "?timeout=" + hook.timeoutSeconds() + "s";
        if (hook.target() instanceof Target.Url url) {
            try {
                URI uri = URI.create(url.url() + query);
                return new WebhookEndpoint(uri, uri.toString(), null, hook.caBundle());
            } catch (IllegalArgumentException e) {
                throw new CallFailure("could not get REST client: " + e.getMessage());
            }
        }
        Target.ServiceRef ref = (Target.ServiceRef) hook.target();
        String shown = "https://" + ref.serverName() + ":" + ref.port() + ref.path() + query;
        String hostPort;
        try {
            hostPort = services.apply(ref);
        } catch (CallFailure f) {
            throw new CallFailure("failed to call webhook: Post \"" + shown + "\": " + f.reason());
        }
        return new WebhookEndpoint(URI.create("https://" + hostPort + ref.path() + query), shown, ref.serverName(), hook.caBundle());
    }
}
