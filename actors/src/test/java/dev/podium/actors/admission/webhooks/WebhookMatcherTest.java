package dev.podium.actors.admission.webhooks;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.podium.actors.admission.AdmissionRequest.Operation;
import dev.podium.model.api.ApiException;
import dev.podium.model.kinds.KindRegistry;
import dev.podium.model.kinds.KindRules;
import dev.podium.model.kinds.ResourceKind;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Stream;

import static dev.podium.actors.admission.webhooks.WebhookFixtures.hook;
import static dev.podium.actors.admission.webhooks.WebhookFixtures.object;
import static dev.podium.actors.admission.webhooks.WebhookFixtures.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class WebhookMatcherTest {
    static final Map<String, Map<String, String>> NAMESPACES = Map.of("prod", Map.of("env", "prod"), "dev", Map.of("env", "dev"));
    static final Function<String, Optional<Map<String, String>>> LABELS = ns -> Optional.ofNullable(NAMESPACES.get(ns));

    static Optional<Invocation> match(String webhook, WebhookAttributes a) {
        return WebhookMatcher.match(hook(webhook), a, List::of, LABELS);
    }

    @ParameterizedTest(name = "[{index}] {0} {1}/{2} {3} {4}: {5}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
            "CREATE | ConfigMap       |        | prod | \"{operations: [CREATE], apiGroups: [''], apiVersions: [v1], resources: [configmaps]}\"            | true",
            "UPDATE | ConfigMap       |        | prod | \"{operations: [CREATE], apiGroups: [''], apiVersions: [v1], resources: [configmaps]}\"            | false",
            "DELETE | ConfigMap       |        | prod | \"{operations: ['*'], apiGroups: ['*'], apiVersions: ['*'], resources: ['*']}\"                     | true",
            "CREATE | Deployment.apps |        | prod | \"{operations: [CREATE], apiGroups: [''], apiVersions: [v1], resources: ['*']}\"                    | false",
            "CREATE | Deployment.apps |        | prod | \"{operations: [CREATE], apiGroups: [apps], apiVersions: [v1], resources: [deployments]}\"         | true",
            "UPDATE | Pod             | status | prod | \"{operations: [UPDATE], apiGroups: [''], apiVersions: [v1], resources: ['*']}\"                    | false",
            "UPDATE | Pod             | status | prod | \"{operations: [UPDATE], apiGroups: [''], apiVersions: [v1], resources: ['*/*']}\"                  | true",
            "UPDATE | Pod             | status | prod | \"{operations: [UPDATE], apiGroups: [''], apiVersions: [v1], resources: [pods/status]}\"            | true",
            "UPDATE | Pod             | status | prod | \"{operations: [UPDATE], apiGroups: [''], apiVersions: [v1], resources: [pods]}\"                   | false",
            "UPDATE | Pod             | status | prod | \"{operations: [UPDATE], apiGroups: [''], apiVersions: [v1], resources: ['pods/*']}\"               | true",
            "UPDATE | Pod             |        | prod | \"{operations: [UPDATE], apiGroups: [''], apiVersions: [v1], resources: ['*/status']}\"             | false",
            "CREATE | Node            |        |      | \"{operations: [CREATE], apiGroups: [''], apiVersions: [v1], resources: [nodes], scope: Namespaced}\" | false",
            "CREATE | Node            |        |      | \"{operations: [CREATE], apiGroups: [''], apiVersions: [v1], resources: [nodes], scope: Cluster}\"  | true",
            "CREATE | ConfigMap       |        | prod | \"{operations: [CREATE], apiGroups: [''], apiVersions: [v1], resources: ['*'], scope: Cluster}\"   | false",
            "CREATE | ConfigMap       |        | prod | \"{operations: [CREATE], apiGroups: [''], apiVersions: [v1], resources: ['*'], scope: Namespaced}\" | true",
            "CREATE | Namespace       |        |      | \"{operations: [CREATE], apiGroups: [''], apiVersions: [v1], resources: ['*'], scope: Cluster}\"   | true",
            "UPDATE | Namespace       |        | prod | \"{operations: [UPDATE], apiGroups: [''], apiVersions: [v1], resources: ['*'], scope: Namespaced}\" | false",
    })
    void rulesMatchAsKubesRulesMatcher(String op, String kind, String sub, String namespace, String rule, boolean expected) {
        ObjectNode obj = object(KindRegistry.get(kind).kind(), namespace, namespace == null ? "x" : "prod", "{}");
        WebhookAttributes a = request(Operation.valueOf(op), kind, sub, namespace, obj, null);
        assertThat(match("{name: a.b.c, rules: [" + rule + "]}", a).map(Invocation::kind)).as(rule).isEqualTo(expected ? Optional.of(a.kind()) : Optional.empty());
    }

    static final String ALL = "rules: [{operations: ['*'], apiGroups: ['*'], apiVersions: ['*'], resources: ['*']}]";

    @Test
    void namespaceSelectorsReadTheNamespacesLabels() {
        String prodOnly = "{name: a.b.c, " + ALL + ", namespaceSelector: {matchLabels: {env: prod}}}";
        assertThat(match(prodOnly, request(Operation.CREATE, "ConfigMap", "", "prod", object("ConfigMap", "prod", "c", "{}"), null))).isPresent();
        assertThat(match(prodOnly, request(Operation.CREATE, "ConfigMap", "", "dev", object("ConfigMap", "dev", "c", "{}"), null))).isEmpty();
        assertThat(match(prodOnly, request(Operation.CREATE, "Node", "", "", object("Node", null, "n", "{}"), null)))
                .as("cluster-scoped objects are never exempted by a namespace selector").isPresent();
        assertThat(match(prodOnly, request(Operation.CREATE, "Namespace", "", "", object("Namespace", null, "new", "{env: prod}"), null)))
                .as("a namespace being created is matched on its own labels").isPresent();
        assertThat(match(prodOnly, request(Operation.DELETE, "Namespace", "", "dev", null, object("Namespace", null, "dev", "{env: prod}"))))
                .as("a namespace being deleted is matched on the stored namespace's labels").isEmpty();
        WebhookAttributes missing = request(Operation.CREATE, "ConfigMap", "", "gone", object("ConfigMap", "gone", "c", "{}"), null);
        assertThatThrownBy(() -> match(prodOnly, missing)).isInstanceOfSatisfying(ApiException.class,
                e -> assertThat(e.error().message()).isEqualTo("namespaces \"gone\" not found"));
        assertThat(match("{name: a.b.c, rules: [], namespaceSelector: {matchLabels: {env: prod}}}", missing))
                .as("the missing namespace only matters to a webhook whose rules match").isEmpty();
    }

    @Test
    void objectSelectorsMatchTheNewOrTheOldObject() {
        String labelled = "{name: a.b.c, " + ALL + ", objectSelector: {matchExpressions: [{key: team, operator: In, values: [a]}]}}";
        ObjectNode a = object("ConfigMap", "prod", "c", "{team: a}");
        ObjectNode b = object("ConfigMap", "prod", "c", "{team: b}");
        assertThat(match(labelled, request(Operation.CREATE, "ConfigMap", "", "prod", a, null))).isPresent();
        assertThat(match(labelled, request(Operation.CREATE, "ConfigMap", "", "prod", b, null))).isEmpty();
        assertThat(match(labelled, request(Operation.UPDATE, "ConfigMap", "", "prod", b, a))).isPresent();
        assertThat(match(labelled, request(Operation.DELETE, "ConfigMap", "", "prod", null, a))).isPresent();
    }

    @Test
    void equivalentVersionsMatchUnlessThePolicyIsExact() {
        ResourceKind v1 = new ResourceKind("stable.example.com", "v1", "CronTab", "crontabs", true, List.of(), List.of(), false,
                GenericKubernetesResource.class, KindRules.NONE);
        ResourceKind v1beta1 = new ResourceKind("stable.example.com", "v1beta1", "CronTab", "crontabs", true, List.of(), List.of(), false,
                GenericKubernetesResource.class, KindRules.NONE);
        WebhookAttributes a = new WebhookAttributes(Operation.CREATE, v1, "", "prod", "c", object("CronTab", "prod", "c", "{}"), null, false, null);
        String rules = "rules: [{operations: [CREATE], apiGroups: [stable.example.com], apiVersions: [v1beta1], resources: [crontabs]}]";
        assertThat(WebhookMatcher.match(hook("{name: a.b.c, " + rules + "}"), a, () -> List.of(v1, v1beta1), LABELS))
                .map(Invocation::kind).contains(v1beta1);
        assertThat(WebhookMatcher.match(hook("{name: a.b.c, matchPolicy: Exact, " + rules + "}"), a, () -> List.of(v1, v1beta1), LABELS)).isEmpty();
    }

    static Stream<Arguments> matchConditions() {
        String checked = "[{name: checked, expression: \"object.metadata.name.startsWith('checked-')\"}]";
        String broken = "{name: broken, expression: \"object.data.missing == 'x'\"}";
        String error = "expression 'object.data.missing == 'x'' resulted in error: no such key: data";
        return Stream.of(
                Arguments.of("Fail", "CREATE", "checked-a", checked, "called"),
                Arguments.of("Fail", "CREATE", "other", checked, "skipped"),
                Arguments.of("Fail", "DELETE", "checked-a", "[{name: created, expression: 'object != null'}]", "skipped"),
                Arguments.of("Fail", "DELETE", "checked-a", "[{name: old, expression: \"oldObject.metadata.name == 'checked-a'\"}]", "called"),
                Arguments.of("Fail", "CREATE", "checked-a", "[{name: op, expression: \"request.operation == 'CREATE' && request.namespace == 'prod'\"}, "
                        + "{name: admin, expression: \"'system:masters' in request.userInfo.groups\"}, {name: no-ns, expression: 'namespaceObject == null'}]",
                        "called"),
                Arguments.of("Fail", "CREATE", "checked-a", "[{name: always, expression: 'true'}, {name: never, expression: 'false'}]", "skipped"),
                Arguments.of("Fail", "CREATE", "checked-a", "[" + broken + ", {name: never, expression: 'false'}]", "skipped"),
                Arguments.of("Ignore", "CREATE", "checked-a", "[" + broken + "]", "skipped"),
                Arguments.of("Fail", "CREATE", "checked-a", "[" + broken + ", {name: always, expression: 'true'}]",
                        "configmaps \"checked-a\" is forbidden: " + error));
    }

    @ParameterizedTest(name = "[{index}] {0} {1} {2} {3}: {4}")
    @MethodSource
    void matchConditions(String failurePolicy, String op, String name, String conditions, String expected) {
        ObjectNode obj = object("ConfigMap", "prod", name, "{}");
        WebhookAttributes a = op.equals("DELETE") ? request(Operation.DELETE, "ConfigMap", "", "prod", null, obj)
                : request(Operation.valueOf(op), "ConfigMap", "", "prod", obj, null);
        String webhook = "{name: a.b.c, failurePolicy: " + failurePolicy + ", " + ALL + ", matchConditions: " + conditions + "}";
        if (expected.contains("forbidden")) {
            assertThatThrownBy(() -> match(webhook, a)).isInstanceOfSatisfying(ApiException.class, e -> {
                assertThat(e.error().code()).isEqualTo(403);
                assertThat(e.error().reason()).isEqualTo("Forbidden");
                assertThat(e.error().message()).isEqualTo(expected);
            });
        } else {
            assertThat(match(webhook, a).isPresent() ? "called" : "skipped").isEqualTo(expected);
        }
    }

    @Test
    void webhookConfigurationsAreExempt() {
        assertThat(WebhookMatcher.exempt(KindRegistry.get("ValidatingWebhookConfiguration.admissionregistration.k8s.io"))).isTrue();
        assertThat(WebhookMatcher.exempt(KindRegistry.get("MutatingWebhookConfiguration.admissionregistration.k8s.io"))).isTrue();
        assertThat(WebhookMatcher.exempt(KindRegistry.get("ConfigMap"))).isFalse();
    }
}
