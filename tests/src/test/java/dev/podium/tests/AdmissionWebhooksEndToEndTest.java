package dev.podium.tests;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Admission webhooks through kubectl, against a real HTTPS webhook server: a mutating webhook
 * labels ConfigMaps, a validating one refuses names, updates and deletes, warnings reach
 * kubectl, a namespaceSelector limits both, matchConditions limit which requests a webhook sees,
 * failure policies decide when the server is gone, a Service reference is called on its endpoint,
 * and invalid configurations (an expression that does not compile among them) are refused.
 */
class AdmissionWebhooksEndToEndTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static TestWebhookServer webhooks;
    static TestNode node;
    static Kubectl kubectl;

    @BeforeAll
    static void start() throws Exception {
        webhooks = new TestWebhookServer("webhook.hooks.svc");
        webhooks.answer("/mutate", review -> {
            boolean labelled = review.at("/request/object/metadata/labels").isObject();
            String op = labelled ? "[{\"op\":\"add\",\"path\":\"/metadata/labels/mutated-by\",\"value\":\"podium-test\"}]"
                    : "[{\"op\":\"add\",\"path\":\"/metadata/labels\",\"value\":{\"mutated-by\":\"podium-test\"}}]";
            return TestWebhookServer.patch(op, "mutating webhook saw " + review.at("/request/operation").asText());
        });
        webhooks.answer("/checked", review -> TestWebhookServer.deny("checked.podium.test saw " + review.at("/request/name").asText()));
        webhooks.answer("/validate", review -> {
            JsonNode r = review.path("request");
            String name = r.path("name").asText();
            if (r.path("operation").asText().equals("CREATE") && name.startsWith("forbidden-")) {
                return TestWebhookServer.deny("names starting with forbidden- are not allowed");
            }
            if (r.path("operation").asText().equals("UPDATE") && r.at("/object/metadata/labels/frozen").asText().equals("true")) {
                return TestWebhookServer.deny(name + " may not be frozen (it was " + r.at("/oldObject/metadata/labels").toString() + ")");
            }
            if (r.path("operation").asText().equals("DELETE") && r.at("/oldObject/metadata/labels/protected").asText().equals("true")) {
                return TestWebhookServer.deny(name + " is protected");
            }
            return TestWebhookServer.allow("validated " + r.path("operation").asText() + " of " + name);
        });
        node = TestNode.startH2();
        kubectl = new Kubectl(node.kubeconfig());
        kubectl.runWithInput("""
                apiVersion: v1
                kind: Namespace
                metadata: {name: hooked, labels: {webhooks: enabled}}
                ---
                apiVersion: v1
                kind: Namespace
                metadata: {name: plain}
                """, "create", "-f", "-").ok();
        kubectl.runWithInput(configurations(), "create", "-f", "-").ok();
    }

    @AfterAll
    static void stop() throws Exception {
        if (node != null) node.close();
        if (webhooks != null) webhooks.close();
    }

    static String configurations() {
        return """
                apiVersion: admissionregistration.k8s.io/v1
                kind: MutatingWebhookConfiguration
                metadata: {name: label-config}
                webhooks:
                - name: label.podium.test
                  clientConfig: {url: "%s", caBundle: %s}
                  rules: [{operations: [CREATE, UPDATE], apiGroups: [""], apiVersions: [v1], resources: [configmaps]}]
                  namespaceSelector: {matchLabels: {webhooks: enabled}}
                  sideEffects: None
                  admissionReviewVersions: [v1]
                ---
                apiVersion: admissionregistration.k8s.io/v1
                kind: ValidatingWebhookConfiguration
                metadata: {name: deny-config}
                webhooks:
                - name: deny.podium.test
                  clientConfig: {url: "%s", caBundle: %s}
                  rules: [{operations: ["*"], apiGroups: [""], apiVersions: [v1], resources: [configmaps]}]
                  namespaceSelector: {matchLabels: {webhooks: enabled}}
                  sideEffects: None
                  admissionReviewVersions: [v1]
                """.formatted(webhooks.url("/mutate"), webhooks.caBundle(), webhooks.url("/validate"), webhooks.caBundle());
    }

    static String configMap(String namespace, String name) {
        return "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: " + name + ", namespace: " + namespace + "}\n";
    }

    static JsonNode json(String... args) throws Exception {
        return JSON.readTree(kubectl.run(args).ok().out());
    }

    @Test
    void theMutatingWebhookLabelsConfigMapsAndItsWarningReachesKubectl() throws Exception {
        Kubectl.Result created = kubectl.run("-n", "hooked", "create", "configmap", "settings", "--from-literal=a=b").ok();
        assertThat(created.err()).contains("Warning: mutating webhook saw CREATE").contains("Warning: validated CREATE of settings");
        JsonNode cm = json("-n", "hooked", "get", "configmap", "settings", "-o", "json");
        assertThat(cm.at("/metadata/labels/mutated-by").asText()).isEqualTo("podium-test");
        assertThat(cm.at("/data/a").asText()).isEqualTo("b");

        Kubectl.Result updated = kubectl.run("-n", "hooked", "label", "configmap", "settings", "team=a").ok();
        assertThat(updated.err()).contains("Warning: mutating webhook saw UPDATE").contains("Warning: validated UPDATE of settings");
        assertThat(json("-n", "hooked", "get", "configmap", "settings", "-o", "json").path("metadata").path("labels").toString())
                .isEqualTo("{\"mutated-by\":\"podium-test\",\"team\":\"a\"}");

        Kubectl.Result applied = kubectl.runWithInput(configMap("hooked", "applied"), "apply", "--server-side", "-f", "-").ok();
        assertThat(applied.err()).contains("Warning: mutating webhook saw CREATE");
        assertThat(json("-n", "hooked", "get", "configmap", "applied", "-o", "json").at("/metadata/labels/mutated-by").asText()).isEqualTo("podium-test");
        assertThat(kubectl.runWithInput(configMap("hooked", "forbidden-applied"), "apply", "--server-side", "-f", "-").err())
                .contains("denied the request: names starting with forbidden- are not allowed");

        kubectl.run("-n", "hooked", "create", "configmap", "dry", "--dry-run=server").ok();
        assertThat(kubectl.run("-n", "hooked", "get", "configmap", "dry").exit()).isNotZero();
        assertThat(webhooks.reviews).anySatisfy(r -> {
            assertThat(r.at("/request/name").asText()).isEqualTo("dry");
            assertThat(r.at("/request/dryRun").asBoolean()).isTrue();
            assertThat(r.at("/request/options/dryRun/0").asText()).isEqualTo("All");
        });
    }

    @Test
    void theValidatingWebhookRefusesNamesUpdatesAndDeletesWithKubesMessage() throws Exception {
        Kubectl.Result refused = kubectl.runWithInput(configMap("hooked", "forbidden-one"), "create", "-f", "-");
        assertThat(refused.exit()).isNotZero();
        assertThat(refused.err()).contains("Warning: mutating webhook saw CREATE")
                .contains("Error from server: error when creating \"STDIN\": admission webhook \"deny.podium.test\" denied the request: "
                        + "names starting with forbidden- are not allowed");
        assertThat(kubectl.run("-n", "hooked", "get", "configmap", "forbidden-one").exit()).isNotZero();

        kubectl.runWithInput("""
                apiVersion: v1
                kind: ConfigMap
                metadata: {name: keep, namespace: hooked, labels: {protected: "true"}}
                """, "apply", "-f", "-").ok();
        Kubectl.Result frozen = kubectl.run("-n", "hooked", "label", "configmap", "keep", "frozen=true");
        assertThat(frozen.err()).contains("admission webhook \"deny.podium.test\" denied the request: keep may not be frozen "
                + "(it was {\"protected\":\"true\",\"mutated-by\":\"podium-test\"})");
        Kubectl.Result deleted = kubectl.run("-n", "hooked", "delete", "configmap", "keep");
        assertThat(deleted.err()).contains("Error from server: admission webhook \"deny.podium.test\" denied the request: keep is protected");
        assertThat(kubectl.run("-n", "hooked", "get", "configmap", "keep").exit()).isZero();
    }

    @Test
    void theNamespaceSelectorLimitsTheWebhooks() throws Exception {
        Kubectl.Result created = kubectl.run("-n", "plain", "create", "configmap", "forbidden-here-is-fine").ok();
        assertThat(created.err()).doesNotContain("Warning");
        assertThat(json("-n", "plain", "get", "configmap", "forbidden-here-is-fine", "-o", "json").path("metadata").has("labels")).isFalse();
    }

    @Test
    void matchConditionsLimitWhichRequestsTheWebhooksSee() throws Exception {
        kubectl.runWithInput("""
                apiVersion: v1
                kind: Namespace
                metadata: {name: conditioned, labels: {conditioned: "yes"}}
                ---
                apiVersion: admissionregistration.k8s.io/v1
                kind: ValidatingWebhookConfiguration
                metadata: {name: conditioned-config}
                webhooks:
                - name: checked.podium.test
                  clientConfig: {url: "%s", caBundle: %s}
                  rules: [{operations: [CREATE], apiGroups: [""], apiVersions: [v1], resources: [configmaps]}]
                  namespaceSelector: {matchLabels: {conditioned: "yes"}}
                  matchConditions:
                  - {name: checked, expression: "object.metadata.name.startsWith('checked-')"}
                  sideEffects: None
                  admissionReviewVersions: [v1]
                - name: strict.podium.test
                  clientConfig: {url: "%s", caBundle: %s}
                  rules: [{operations: [CREATE], apiGroups: [""], apiVersions: [v1], resources: [configmaps]}]
                  namespaceSelector: {matchLabels: {conditioned: "yes"}}
                  matchConditions:
                  - {name: not-checked, expression: "!object.metadata.name.startsWith('checked-')"}
                  - {name: strict, expression: "object.data.mode == 'strict'"}
                  failurePolicy: Fail
                  sideEffects: None
                  admissionReviewVersions: [v1]
                """.formatted(webhooks.url("/checked"), webhooks.caBundle(), webhooks.url("/validate"), webhooks.caBundle()),
                "create", "-f", "-").ok();

        Kubectl.Result checked = kubectl.run("-n", "conditioned", "create", "configmap", "checked-one", "--from-literal=mode=strict");
        assertThat(checked.exit()).isNotZero();
        assertThat(checked.err()).contains("admission webhook \"checked.podium.test\" denied the request: checked.podium.test saw checked-one");
        Kubectl.Result unchecked = kubectl.run("-n", "conditioned", "create", "configmap", "unchecked", "--from-literal=mode=lenient").ok();
        assertThat(unchecked.err()).doesNotContain("Warning");
        assertThat(webhooks.reviews).noneSatisfy(r -> assertThat(r.at("/request/name").asText()).isEqualTo("unchecked"));

        Kubectl.Result strict = kubectl.run("-n", "conditioned", "create", "configmap", "strict", "--from-literal=mode=strict").ok();
        assertThat(strict.err()).contains("Warning: validated CREATE of strict");

        Kubectl.Result undecided = kubectl.runWithInput(configMap("conditioned", "no-data"), "create", "-f", "-");
        assertThat(undecided.exit()).isNotZero();
        assertThat(undecided.err()).contains("Error from server (Forbidden): error when creating \"STDIN\": configmaps \"no-data\" is forbidden: "
                + "expression 'object.data.mode == 'strict'' resulted in error: no such key: data");
        assertThat(kubectl.run("-n", "conditioned", "get", "configmap", "no-data").exit()).isNotZero();
        kubectl.run("delete", "validatingwebhookconfiguration", "conditioned-config").ok();
    }

    @Test
    void aMatchConditionThatDoesNotCompileIsRefused() throws Exception {
        Kubectl.Result invalid = kubectl.runWithInput("""
                apiVersion: admissionregistration.k8s.io/v1
                kind: ValidatingWebhookConfiguration
                metadata: {name: bad-conditions}
                webhooks:
                - name: bad-conditions.podium.test
                  clientConfig: {url: "https://127.0.0.1/validate"}
                  matchConditions:
                  - {name: not-bool, expression: "object.metadata.name"}
                  - {name: not-bool, expression: "params.enabled"}
                  sideEffects: None
                  admissionReviewVersions: [v1]
                """, "create", "-v=6", "-f", "-");
        assertThat(invalid.exit()).isNotZero();
        assertThat(invalid.err()).containsPattern("POST \\S+/validatingwebhookconfigurations\\S* 422 ")
                .contains("The ValidatingWebhookConfiguration \"bad-conditions\" is invalid")
                .contains("webhooks[0].matchConditions[0].expression: Invalid value: \"object.metadata.name\": must evaluate to bool but got dyn")
                .contains("webhooks[0].matchConditions[1].expression: Invalid value: \"params.enabled\": compilation failed: "
                        + "ERROR: <input>:1:1: undeclared reference to 'params' (in container '')")
                .contains("webhooks[0].matchConditions[1].name: Duplicate value: \"not-bool\"");
        assertThat(kubectl.run("get", "validatingwebhookconfiguration", "bad-conditions").exit()).isNotZero();
    }

    @Test
    void failurePoliciesDecideWhenTheWebhookServerIsGone() throws Exception {
        kubectl.runWithInput("apiVersion: v1\nkind: Namespace\nmetadata: {name: outage, labels: {outage: \"yes\"}}\n", "create", "-f", "-").ok();
        String url;
        String ca;
        try (TestWebhookServer gone = new TestWebhookServer()) {
            url = gone.url("/gone");
            ca = gone.caBundle();
        }
        kubectl.runWithInput(outageConfiguration("ignore", "Ignore", url, ca), "create", "-f", "-").ok();
        kubectl.run("-n", "outage", "create", "configmap", "let-through").ok();

        kubectl.runWithInput(outageConfiguration("fail", "Fail", url, ca), "create", "-f", "-").ok();
        Kubectl.Result refused = kubectl.runWithInput(configMap("outage", "refused"), "create", "-f", "-");
        assertThat(refused.exit()).isNotZero();
        assertThat(refused.err()).contains("Error from server (InternalError): error when creating \"STDIN\": Internal error occurred: "
                + "failed calling webhook \"fail.podium.test\": "
                + "failed to call webhook: Post \"" + url + "?timeout=10s\": dial tcp 127.0.0.1:" + url.replaceAll(".*:(\\d+)/.*", "$1")
                + ": connect: connection refused");

        kubectl.run("delete", "validatingwebhookconfiguration", "fail-outage").ok();
        kubectl.run("-n", "outage", "create", "configmap", "after-the-fix").ok();
    }

    static String outageConfiguration(String name, String policy, String url, String ca) {
        return """
                apiVersion: admissionregistration.k8s.io/v1
                kind: ValidatingWebhookConfiguration
                metadata: {name: %s-outage}
                webhooks:
                - name: %s.podium.test
                  clientConfig: {url: "%s", caBundle: %s}
                  rules: [{operations: [CREATE], apiGroups: [""], apiVersions: [v1], resources: [configmaps]}]
                  namespaceSelector: {matchLabels: {outage: "yes"}}
                  failurePolicy: %s
                  sideEffects: None
                  admissionReviewVersions: [v1]
                """.formatted(name, name, url, ca, policy);
    }

    @Test
    void aServiceReferenceIsCalledOnTheServicesEndpoint() throws Exception {
        kubectl.runWithInput("""
                apiVersion: v1
                kind: Namespace
                metadata: {name: hooks}
                ---
                apiVersion: v1
                kind: Namespace
                metadata: {name: served, labels: {served: "yes"}}
                ---
                apiVersion: v1
                kind: Service
                metadata: {name: webhook, namespace: hooks}
                spec: {ports: [{name: https, port: 443, targetPort: %d}]}
                ---
                apiVersion: v1
                kind: Endpoints
                metadata: {name: webhook, namespace: hooks}
                subsets: [{addresses: [{ip: 127.0.0.1}], ports: [{name: https, port: %d}]}]
                ---
                apiVersion: admissionregistration.k8s.io/v1
                kind: ValidatingWebhookConfiguration
                metadata: {name: service-config}
                webhooks:
                - name: service.podium.test
                  clientConfig: {service: {namespace: hooks, name: webhook, path: /validate}, caBundle: %s}
                  rules: [{operations: [CREATE], apiGroups: [""], apiVersions: [v1], resources: [configmaps]}]
                  namespaceSelector: {matchLabels: {served: "yes"}}
                  sideEffects: None
                  admissionReviewVersions: [v1]
                """.formatted(webhooks.port(), webhooks.port(), webhooks.caBundle()), "create", "-f", "-").ok();
        JsonNode config = json("get", "validatingwebhookconfiguration", "service-config", "-o", "json");
        assertThat(config.at("/webhooks/0/clientConfig/service/port").asInt()).as("defaulted").isEqualTo(443);
        assertThat(config.at("/webhooks/0/timeoutSeconds").asInt()).isEqualTo(10);
        assertThat(config.at("/webhooks/0/failurePolicy").asText()).isEqualTo("Fail");

        Kubectl.Result created = kubectl.run("-n", "served", "create", "configmap", "via-service").ok();
        assertThat(created.err()).contains("Warning: validated CREATE of via-service");
        assertThat(kubectl.run("-n", "served", "create", "configmap", "forbidden-via-service").err())
                .contains("admission webhook \"service.podium.test\" denied the request: names starting with forbidden- are not allowed");
    }

    @Test
    void configurationsAreListedAndAnInvalidOneIsRefused() throws Exception {
        assertThat(kubectl.run("get", "validatingwebhookconfigurations").ok().out())
                .containsPattern("NAME\\s+WEBHOOKS\\s+AGE").containsPattern("deny-config\\s+1\\s+\\d+[sm]");
        assertThat(kubectl.run("get", "mutatingwebhookconfigurations", "label-config").ok().out()).containsPattern("label-config\\s+1\\s+");
        kubectl.run("patch", "mutatingwebhookconfiguration", "label-config", "-p", "{\"webhooks\":[{\"name\":\"label.podium.test\",\"timeoutSeconds\":7}]}").ok();
        JsonNode patched = json("get", "mutatingwebhookconfiguration", "label-config", "-o", "json");
        assertThat(patched.at("/webhooks/0/timeoutSeconds").asInt()).as("webhooks merge by name").isEqualTo(7);
        assertThat(patched.at("/webhooks/0/clientConfig/url").asText()).isEqualTo(webhooks.url("/mutate"));

        Kubectl.Result invalid = kubectl.runWithInput("""
                apiVersion: admissionregistration.k8s.io/v1
                kind: ValidatingWebhookConfiguration
                metadata: {name: bad}
                webhooks:
                - name: bad
                  clientConfig: {url: "http://127.0.0.1/validate"}
                  admissionReviewVersions: [v1]
                """, "create", "-f", "-");
        assertThat(invalid.exit()).isNotZero();
        assertThat(invalid.err()).contains("The ValidatingWebhookConfiguration \"bad\" is invalid")
                .contains("webhooks[0].name: Invalid value: \"bad\": should be a domain with at least three segments separated by dots")
                .contains("webhooks[0].sideEffects: Required value: must specify one of None, NoneOnDryRun")
                .contains("webhooks[0].clientConfig.url: Invalid value: \"http\": 'https' is the only allowed URL scheme; desired format: https://host[/path]");
        assertThat(kubectl.run("get", "validatingwebhookconfiguration", "bad").exit()).isNotZero();
    }
}
