package dev.podium.actors.admission.webhooks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.podium.actors.admission.AdmissionRequest.Operation;
import dev.podium.actors.objects.ObjectEntity;
import dev.podium.model.api.ApiError;
import dev.podium.model.json.Json;
import dev.podium.model.kinds.KindRegistry;
import dev.podium.model.kinds.Kinds;
import dev.podium.persistence.events.ObjectEvent;
import dev.podium.persistence.watch.WatchCache;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

import static dev.podium.actors.admission.webhooks.WebhookFixtures.configuration;
import static dev.podium.actors.admission.webhooks.WebhookFixtures.object;
import static dev.podium.actors.admission.webhooks.WebhookFixtures.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/** The dispatch of mutating and validating webhooks against a fake client: order, patches, reinvocation, failure policies, warnings. */
class WebhookAdmissionTest {
    static final String ALL = "rules: [{operations: ['*'], apiGroups: [''], apiVersions: [v1], resources: [configmaps]}]";

    final WatchCache cache = new WatchCache(100);
    final FakeWebhooks webhooks = new FakeWebhooks();
    final WebhookAdmission admission = new WebhookAdmission(cache, Kinds.builtIn(), webhooks);
    long ordering;

    WebhookAdmissionTest() {
        cache.markReady();
        put("Namespace", "prod", object("Namespace", null, "prod", "{env: prod}"));
    }

    void put(String entityType, String key, ObjectNode obj) {
        cache.apply(ObjectEntity.persistenceId(KindRegistry.get(entityType), key), 1, ++ordering, new ObjectEvent.ObjectCreated(obj));
    }

    void mutating(ObjectNode config) {
        put(WebhookAdmission.MUTATING, config.path("metadata").path("name").asText(), config);
    }

    void validating(ObjectNode config) {
        put(WebhookAdmission.VALIDATING, config.path("metadata").path("name").asText(), config);
    }

    /** Answers per configuration URL; records every review it gets. */
    static final class FakeWebhooks implements WebhookClient {
        final Map<String, Function<JsonNode, JsonNode>> answers = new ConcurrentHashMap<>();
        final List<String> calls = new CopyOnWriteArrayList<>();
        final List<JsonNode> reviews = new CopyOnWriteArrayList<>();

        @Override
        public CompletionStage<JsonNode> post(WebhookEndpoint endpoint, ObjectNode review, Duration timeout) {
            String path = endpoint.address().getPath();
            calls.add(path.substring(1));
            reviews.add(review);
            Function<JsonNode, JsonNode> answer = answers.get(path.substring(1));
            if (answer == null) {
                return CompletableFuture.failedFuture(new CallFailure("failed to call webhook: Post \"" + endpoint.shown() + "\": dial tcp: connection refused"));
            }
            return CompletableFuture.completedFuture(answer.apply(review));
        }
    }

    static JsonNode allow(JsonNode review, String jsonPatch, String... warnings) {
        ObjectNode out = Json.object().put("apiVersion", "admission.k8s.io/v1").put("kind", "AdmissionReview");
        ObjectNode r = out.putObject("response").put("uid", review.path("request").path("uid").asText()).put("allowed", true);
        if (jsonPatch != null) {
            r.put("patchType", "JSONPatch");
            r.put("patch", Base64.getEncoder().encodeToString(jsonPatch.replace('\'', '"').getBytes(StandardCharsets.UTF_8)));
        }
        for (String w : warnings) r.withArray("warnings").add(w);
        return out;
    }

    static JsonNode deny(JsonNode review, String message, String... warnings) {
        ObjectNode out = (ObjectNode) allow(review, null, warnings);
        ((ObjectNode) out.path("response")).put("allowed", false).putObject("status").put("code", 403).put("reason", "Forbidden").put("message", message);
        return out;
    }

    static WebhookRefusal refusal(CompletionStage<?> stage) {
        Throwable t = catchThrowable(() -> stage.toCompletableFuture().join());
        assertThat(t).isInstanceOf(CompletionException.class).hasCauseInstanceOf(WebhookRefusal.class);
        return (WebhookRefusal) t.getCause();
    }

    WebhookAttributes create(String labels) {
        return request(Operation.CREATE, "ConfigMap", "", "prod", object("ConfigMap", "prod", "settings", labels), null);
    }

    @Test
    void withoutConfigurationsNothingIsCalledAndTheAnswerIsImmediate() {
        WebhookAttributes a = create("{}");
        CompletableFuture<Admitted> done = admission.mutate(a).toCompletableFuture();
        assertThat(done).isDone();
        assertThat(done.join().object()).isSameAs(a.object());
        assertThat(admission.validate(a).toCompletableFuture()).isDone();
        assertThat(admission.mayApply(Operation.CREATE, a.kind(), "", "prod")).isFalse();
    }

    @Test
    void mutatingWebhooksRunInConfigurationNameOrderEachSeeingTheLastPatch() {
        mutating(configuration("b-second", "{name: second.example.com, " + ALL + "}"));
        mutating(configuration("a-first", "{name: first.example.com, " + ALL + "}"));
        webhooks.answers.put("a-first", r -> allow(r, "[{'op':'add','path':'/metadata/labels/first','value':'1'}]", "first says hi"));
        webhooks.answers.put("b-second", r -> {
            assertThat(r.at("/request/object/metadata/labels/first").asText()).isEqualTo("1");
            return allow(r, "[{'op':'add','path':'/metadata/labels/second','value':'2'}]", "second says hi");
        });
        Admitted out = admission.mutate(create("{}")).toCompletableFuture().join();
        assertThat(webhooks.calls).containsExactly("a-first", "b-second");
        assertThat(out.object().path("metadata").path("labels").toString()).isEqualTo("{\"first\":\"1\",\"second\":\"2\"}");
        assertThat(out.warnings()).containsExactly("first says hi", "second says hi");
        assertThat(admission.mayApply(Operation.CREATE, KindRegistry.get("ConfigMap"), "", "prod")).isTrue();
        assertThat(admission.mayApply(Operation.CREATE, KindRegistry.get("Secret"), "", "prod")).isFalse();
    }

    @Test
    void anIfNeededWebhookIsCalledAgainWhenALaterOneChangesTheObject() {
        mutating(configuration("a", "{name: again.example.com, reinvocationPolicy: IfNeeded, " + ALL + "}"));
        mutating(configuration("b", "{name: changer.example.com, " + ALL + "}"));
        webhooks.answers.put("a", r -> allow(r, null));
        webhooks.answers.put("b", r -> allow(r, "[{'op':'add','path':'/metadata/labels/b','value':'x'}]"));
        admission.mutate(create("{}")).toCompletableFuture().join();
        assertThat(webhooks.calls).containsExactly("a", "b", "a");
        assertThat(webhooks.reviews.get(2).at("/request/object/metadata/labels/b").asText()).isEqualTo("x");
    }

    @Test
    void failurePolicyIgnoreLetsAFailedCallThroughAndFailRefusesIt() {
        mutating(configuration("a", "{name: open.example.com, failurePolicy: Ignore, " + ALL + "}"));
        Admitted out = admission.mutate(create("{}")).toCompletableFuture().join();
        assertThat(out.object().path("metadata").path("name").asText()).isEqualTo("settings");

        validating(configuration("v", "{name: closed.example.com, " + ALL + "}"));
        WebhookRefusal r = refusal(admission.validate(create("{}")));
        assertThat(r.error().code()).isEqualTo(500);
        assertThat(r.error().message()).isEqualTo("Internal error occurred: failed calling webhook \"closed.example.com\": failed to call webhook: "
                + "Post \"https://hooks.test/v?timeout=10s\": dial tcp: connection refused");
    }

    @Test
    void aDenialIsAnsweredWithTheWebhooksStatusAndTheWarningsGivenSoFar() {
        mutating(configuration("a", "{name: warn.example.com, " + ALL + "}", "{name: deny.example.com, " + ALL + "}"));
        webhooks.answers.put("a", r -> webhooks.calls.size() == 1 ? allow(r, null, "careful") : deny(r, "not today", "really"));
        WebhookRefusal r = refusal(admission.mutate(create("{}")));
        assertThat(r.error()).isEqualTo(new ApiError(403, "Forbidden", "admission webhook \"deny.example.com\" denied the request: not today", null));
        assertThat(r.warnings()).containsExactly("careful", "really");
    }

    @Test
    void validatingWebhooksAreAllCalledAndTheFirstRefusalInOrderIsAnswered() {
        validating(configuration("a", "{name: fine.example.com, " + ALL + "}", "{name: picky.example.com, objectSelector: {matchLabels: {tier: gold}}, " + ALL + "}"));
        validating(configuration("b", "{name: strict.example.com, " + ALL + "}"));
        webhooks.answers.put("a", r -> allow(r, null, "from a"));
        webhooks.answers.put("b", r -> deny(r, "no", "from b"));
        WebhookRefusal r = refusal(admission.validate(create("{}")));
        assertThat(webhooks.calls).as("the picky webhook's selector excludes the object").containsExactlyInAnyOrder("a", "b");
        assertThat(r.error().message()).isEqualTo("admission webhook \"strict.example.com\" denied the request: no");
        assertThat(r.warnings()).containsExactly("from a", "from b");
    }

    @Test
    void aValidatingWebhookMayNotPatchAndADeleteMayNotBePatched() {
        validating(configuration("v", "{name: patcher.example.com, " + ALL + "}"));
        webhooks.answers.put("v", r -> allow(r, "[]"));
        assertThat(refusal(admission.validate(create("{}"))).error().message())
                .endsWith("failed calling webhook \"patcher.example.com\": received invalid webhook response: validating webhook may not return response.patch");

        mutating(configuration("m", "{name: mutator.example.com, " + ALL + "}"));
        webhooks.answers.put("m", r -> allow(r, "[{'op':'add','path':'/metadata/labels/x','value':'1'}]"));
        WebhookAttributes delete = request(Operation.DELETE, "ConfigMap", "", "prod", null, object("ConfigMap", "prod", "settings", "{}"));
        assertThat(refusal(admission.mutate(delete)).error().message()).isEqualTo("Internal error occurred: admission webhook \"mutator.example.com\" "
                + "attempted to modify the object, which is not supported for this operation");
    }

    @Test
    void aPatchThatDoesNotApplyIsAnInternalError() {
        mutating(configuration("m", "{name: broken.example.com, failurePolicy: Ignore, " + ALL + "}"));
        webhooks.answers.put("m", r -> allow(r, "[{'op':'replace','path':'/spec/missing','value':'1'}]"));
        WebhookRefusal r = refusal(admission.mutate(create("{}")));
        assertThat(r.error().code()).isEqualTo(500);
        assertThat(r.error().message()).startsWith("Internal error occurred: json patch operation 0 (replace \"/spec/missing\") failed");
    }

    @Test
    void namespaceSelectorsReadTheCachedNamespace() {
        put("Namespace", "dev", object("Namespace", null, "dev", "{env: dev}"));
        validating(configuration("v", "{name: prod.example.com, namespaceSelector: {matchLabels: {env: prod}}, " + ALL + "}"));
        webhooks.answers.put("v", r -> deny(r, "prod is frozen"));
        assertThat(refusal(admission.validate(create("{}"))).error().message()).endsWith("prod is frozen");
        WebhookAttributes inDev = request(Operation.CREATE, "ConfigMap", "", "dev", object("ConfigMap", "dev", "settings", "{}"), null);
        assertThat(admission.validate(inDev).toCompletableFuture().join().warnings()).isEmpty();
        assertThat(webhooks.calls).containsExactly("v");
    }

    @Test
    void aServiceReferenceIsCalledOnAReadyEndpointAndNamedAsKubeNamesIt() {
        validating(WebhookFixtures.yaml("metadata: {name: svc}\nwebhooks:\n- {name: svc.example.com, sideEffects: None, admissionReviewVersions: [v1], "
                + "clientConfig: {service: {namespace: hooks, name: webhook, path: /svc, port: 443}}, " + ALL + "}"));
        put("Service", "hooks/webhook", WebhookFixtures.yaml("metadata: {name: webhook, namespace: hooks}\nspec: {ports: [{name: https, port: 443}]}"));
        put("Endpoints", "hooks/webhook", WebhookFixtures.yaml("metadata: {name: webhook, namespace: hooks}\n"
                + "subsets: [{addresses: [{ip: 10.1.2.3}], ports: [{name: https, port: 8443}]}]"));
        WebhookCall call = new WebhookCall(webhooks, ref -> ServiceEndpoints.resolve(ref,
                cache.get("Service", "hooks/webhook").orElseThrow().object(), cache.get("Endpoints", "hooks/webhook").orElseThrow().object()));
        WebhookEndpoint e = call.endpoint(Webhook.of(cache.get(WebhookAdmission.VALIDATING, "svc").orElseThrow().object(), false).get(0));
        assertThat(e.address().toString()).isEqualTo("https://10.1.2.3:8443/svc?timeout=10s");
        assertThat(e.shown()).isEqualTo("https://webhook.hooks.svc:443/svc?timeout=10s");
        assertThat(e.serverName()).isEqualTo("webhook.hooks.svc");
        webhooks.answers.put("svc", r -> allow(r, null, "via service"));
        assertThat(admission.validate(create("{}")).toCompletableFuture().join().warnings()).containsExactly("via service");
    }

    @Test
    void aDryRunIsReviewedAsOne() {
        validating(configuration("v", "{name: dry.example.com, sideEffects: NoneOnDryRun, " + ALL + "}"));
        webhooks.answers.put("v", r -> allow(r, null));
        WebhookAttributes a = create("{}");
        WebhookAttributes dry = new WebhookAttributes(a.operation(), a.kind(), "", "prod", "settings", a.object(), null, true, a.options());
        admission.validate(dry).toCompletableFuture().join();
        assertThat(webhooks.reviews.get(0).at("/request/dryRun").asBoolean()).isTrue();
    }
}
