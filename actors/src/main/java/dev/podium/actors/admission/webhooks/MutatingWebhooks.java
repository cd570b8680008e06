package dev.podium.actors.admission.webhooks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.podium.model.api.ApiError;
import dev.podium.model.api.ApiException;
import dev.podium.model.json.Json;
import dev.podium.model.patch.Patches;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Mutating webhooks one after another, each matched against and shown the object as the ones
 * before left it, their JSON patches applied (kube's mutating dispatcher). When a webhook changes
 * the object, the webhooks with reinvocationPolicy IfNeeded called before it are called once more
 * after the first round.
 */
final class MutatingWebhooks {
    private static final Logger log = LoggerFactory.getLogger(MutatingWebhooks.class);
    private final Matching matching;
    private final WebhookCall calls;

    MutatingWebhooks(Matching matching, WebhookCall calls) {
        this.matching = matching;
        this.calls = calls;
    }

    CompletionStage<Admitted> run(List<Webhook> hooks, WebhookAttributes a) {
        Pass pass = new Pass(a);
        return step(hooks, 0, false, pass)
                .thenCompose(p -> p.reinvoke.isEmpty() ? CompletableFuture.completedFuture(p) : step(hooks, 0, true, p))
                .thenApply(p -> new Admitted(p.attrs.object(), p.warnings));
    }

    /** What one dispatch has reached; stages run one after another, so it is never shared. */
    private static final class Pass {
        WebhookAttributes attrs;
        final List<String> warnings = new ArrayList<>();
        final Set<String> invokedIfNeeded = new HashSet<>();
        final Set<String> reinvoke = new HashSet<>();

        Pass(WebhookAttributes attrs) {
            this.attrs = attrs;
        }

        WebhookRefusal refuse(ApiError error) {
            return new WebhookRefusal(error, warnings);
        }
    }

    private CompletionStage<Pass> step(List<Webhook> hooks, int i, boolean reinvocation, Pass pass) {
        if (i == hooks.size()) return CompletableFuture.completedFuture(pass);
        Webhook hook = hooks.get(i);
        Invocation invocation;
        try {
            invocation = matching.match(hook, pass.attrs).orElse(null);
        } catch (ApiException e) {
            return CompletableFuture.failedFuture(pass.refuse(e.error()));
        }
        if (invocation == null || (reinvocation && !pass.reinvoke.contains(hook.uid()))) return step(hooks, i + 1, reinvocation, pass);
        return calls.call(invocation, pass.attrs)
                .handle((response, failure) -> {
                    apply(invocation, response, failure, pass);
                    if (hook.reinvokeIfNeeded()) pass.invokedIfNeeded.add(hook.uid());
                    return pass;
                })
                .thenCompose(p -> step(hooks, i + 1, reinvocation, p));
    }

    private static void apply(Invocation invocation, WebhookResponse response, Throwable failure, Pass pass) {
        Webhook hook = invocation.webhook();
        try {
            if (failure != null) throw CallErrors.unwrap(failure);
            pass.warnings.addAll(response.warnings());
            if (!response.allowed()) throw pass.refuse(WebhookStatus.denied(hook.name(), response.status()));
            ObjectNode patched = patched(invocation, response, pass.attrs);
            if (patched != null && !patched.equals(pass.attrs.object())) {
                pass.attrs = pass.attrs.withObject(patched);
                pass.reinvoke.addAll(pass.invokedIfNeeded);
                pass.invokedIfNeeded.clear();
            }
        } catch (CallFailure f) {
            if (!hook.failOpen()) throw pass.refuse(WebhookStatus.callFailed(hook.name(), f.reason()));
            log.warn("Failed calling webhook, failing open {}: {}", hook.name(), f.reason());
        } catch (ApiException e) {
            throw pass.refuse(e.error());
        } catch (WebhookRefusal r) {
            throw r;
        } catch (Throwable t) {
            throw pass.refuse(WebhookStatus.internal(String.valueOf(t.getMessage())));
        }
    }

    /** The object with the webhook's JSON patch applied, at the request's version; null when there is no patch. */
    private static ObjectNode patched(Invocation invocation, WebhookResponse response, WebhookAttributes a) {
        if (response.patch() == null) return null;
        String name = invocation.webhook().name();
        if (!"JSONPatch".equals(response.patchType())) throw new CallFailure("unsupported patch type \"" + response.patchType() + "\"");
        JsonNode patch;
        try {
            patch = Json.MAPPER.readTree(Base64.getDecoder().decode(response.patch()));
        } catch (Exception e) {
            throw new CallFailure("received undecodable patch in webhook response: " + e.getMessage());
        }
        if (patch == null || !patch.isArray()) throw new CallFailure("received undecodable patch in webhook response: not a JSON array");
        if (patch.isEmpty()) return null;
        if (a.object() == null) {
            throw new ApiException(WebhookStatus.internal("admission webhook \"" + name + "\" attempted to modify the object, which is not supported for this operation"));
        }
        ObjectNode result;
        try {
            result = Patches.jsonPatch((ObjectNode) AdmissionReviews.at(a.object(), invocation.kind()), patch);
        } catch (ApiException e) {
            var causes = e.error().details() == null ? null : e.error().details().causes();
            String detail = causes == null || causes.isEmpty() ? e.error().message() : causes.get(0).message();
            throw new ApiException(WebhookStatus.internal(detail));
        }
        if (a.object().has("apiVersion")) result.set("apiVersion", a.object().get("apiVersion"));
        return result;
    }
}
