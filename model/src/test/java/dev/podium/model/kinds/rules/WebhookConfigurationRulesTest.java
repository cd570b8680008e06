package dev.podium.model.kinds.rules;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** MutatingWebhookConfiguration and ValidatingWebhookConfiguration: kube's v1 defaults and messages. */
class WebhookConfigurationRulesTest {
    static final KindFixtures MUTATING = KindFixtures.of("MutatingWebhookConfiguration.admissionregistration.k8s.io");
    static final KindFixtures VALIDATING = KindFixtures.of("ValidatingWebhookConfiguration.admissionregistration.k8s.io");
    static final String RULES = "[{operations: [CREATE], apiGroups: [''], apiVersions: [v1], resources: [configmaps]}]";

    /** A configuration with one webhook: a valid one, with {@code extra} fields laid over it. */
    static String config(String extra) {
        return "metadata: {name: hooks}\nwebhooks:\n- {name: a.example.com, clientConfig: {url: 'https://hooks.example.com/mutate'}, "
                + "sideEffects: None, admissionReviewVersions: [v1], rules: " + RULES + (extra.isEmpty() ? "" : ", " + extra) + "}";
    }

    @Test
    void kubesDefaultsAreApplied() {
        ObjectNode m = MUTATING.defaulted(config("clientConfig: {service: {namespace: hooks, name: svc}}"));
        ObjectNode hook = (ObjectNode) m.path("webhooks").get(0);
        assertThat(hook.path("failurePolicy").asText()).isEqualTo("Fail");
        assertThat(hook.path("matchPolicy").asText()).isEqualTo("Equivalent");
        assertThat(hook.path("namespaceSelector").toString()).isEqualTo("{}");
        assertThat(hook.path("objectSelector").toString()).isEqualTo("{}");
        assertThat(hook.path("timeoutSeconds").asInt()).isEqualTo(10);
        assertThat(hook.path("reinvocationPolicy").asText()).isEqualTo("Never");
        assertThat(hook.at("/rules/0/scope").asText()).isEqualTo("*");
        assertThat(hook.at("/clientConfig/service/port").asInt()).isEqualTo(443);
        ObjectNode v = VALIDATING.defaulted(config("failurePolicy: Ignore, timeoutSeconds: 3"));
        assertThat(v.at("/webhooks/0/failurePolicy").asText()).isEqualTo("Ignore");
        assertThat(v.at("/webhooks/0/timeoutSeconds").asInt()).isEqualTo(3);
        assertThat(v.at("/webhooks/0").has("reinvocationPolicy")).as("validating webhooks are not reinvoked").isFalse();
    }

    static Stream<Arguments> invalid() {
        String u = "webhooks[0]";
        return Stream.of(
                Arguments.of("", List.of()),
                Arguments.of("name: hook", List.of(u + ".name: Invalid value: \"hook\": should be a domain with at least three segments separated by dots")),
                Arguments.of("name: example.com", List.of(u + ".name: Invalid value: \"example.com\": should be a domain with at least three segments separated by dots")),
                Arguments.of("name: A.example.com", List.of(u + ".name: Invalid value: \"A.example.com\": a lowercase RFC 1123 subdomain must consist of lower case "
                        + "alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for "
                        + "validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')")),
                Arguments.of("clientConfig: {}", List.of(u + ".clientConfig: Required value: exactly one of url or service is required")),
                Arguments.of("clientConfig: {url: 'https://x.example.com', service: {namespace: a, name: b}}",
                        List.of(u + ".clientConfig: Required value: exactly one of url or service is required")),
                Arguments.of("clientConfig: {url: 'http://x.example.com/hook'}",
                        List.of(u + ".clientConfig.url: Invalid value: \"http\": 'https' is the only allowed URL scheme; desired format: https://host[/path]")),
                Arguments.of("clientConfig: {url: 'https://u:p@x.example.com/hook?a=b#frag'}", List.of(
                        u + ".clientConfig.url: Invalid value: \"u:p\": user information is not permitted in the URL",
                        u + ".clientConfig.url: Invalid value: \"frag\": fragments are not permitted in the URL",
                        u + ".clientConfig.url: Invalid value: \"a=b\": query parameters are not permitted in the URL")),
                Arguments.of("clientConfig: {url: '/hook'}", List.of(
                        u + ".clientConfig.url: Invalid value: \"\": 'https' is the only allowed URL scheme; desired format: https://host[/path]",
                        u + ".clientConfig.url: Invalid value: \"\": host must be provided; desired format: https://host[/path]")),
                Arguments.of("clientConfig: {service: {namespace: hooks, name: svc, port: 0, path: 'hook/'}}", List.of(
                        u + ".clientConfig.service.port: Invalid value: 0: port is not valid: must be between 1 and 65535, inclusive",
                        u + ".clientConfig.service.path: Invalid value: \"hook/\": must start with a '/'")),
                Arguments.of("clientConfig: {service: {namespace: hooks, path: '/a//B'}}", List.of(
                        u + ".clientConfig.service.namespace: Required value: service namespace is required",
                        u + ".clientConfig.service.path: Invalid value: \"/a//B\": segment[1] may not be empty",
                        u + ".clientConfig.service.path: Invalid value: \"/a//B\": segment[2]: a lowercase RFC 1123 subdomain must consist of lower case "
                                + "alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex "
                                + "used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')")),
                Arguments.of("sideEffects: null", List.of(u + ".sideEffects: Required value: must specify one of None, NoneOnDryRun")),
                Arguments.of("sideEffects: Some", List.of(u + ".sideEffects: Unsupported value: \"Some\": supported values: \"None\", \"NoneOnDryRun\"")),
                Arguments.of("admissionReviewVersions: []", List.of(u + ".admissionReviewVersions: Required value: must specify one of v1, v1beta1")),
                Arguments.of("admissionReviewVersions: [v2, v2]", List.of(
                        u + ".admissionReviewVersions[1]: Invalid value: \"v2\": duplicate version",
                        u + ".admissionReviewVersions: Invalid value: []string{\"v2\", \"v2\"}: must include at least one of v1, v1beta1")),
                Arguments.of("failurePolicy: Sometimes, matchPolicy: Fuzzy, timeoutSeconds: 31", List.of(
                        u + ".failurePolicy: Unsupported value: \"Sometimes\": supported values: \"Fail\", \"Ignore\"",
                        u + ".matchPolicy: Unsupported value: \"Fuzzy\": supported values: \"Equivalent\", \"Exact\"",
                        u + ".timeoutSeconds: Invalid value: 31: the timeout value must be between 1 and 30 seconds")),
                Arguments.of("namespaceSelector: {matchExpressions: [{key: env, operator: Within}]}",
                        List.of(u + ".namespaceSelector.matchExpressions[0].operator: Invalid value: \"Within\": not a valid selector operator")),
                Arguments.of("rules: [{operations: [CREATE, '*', PATCH], apiGroups: [], apiVersions: ['*', v1], resources: ['*', pods, 'pods/*', pods/status], scope: Global}]",
                        List.of(
                                u + ".rules[0].operations: Invalid value: []admissionregistration.OperationType{\"CREATE\", \"*\", \"PATCH\"}: if '*' is present, must not specify other operations",
                                u + ".rules[0].operations[2]: Unsupported value: \"PATCH\": supported values: \"*\", \"CONNECT\", \"CREATE\", \"DELETE\", \"UPDATE\"",
                                u + ".rules[0].apiGroups: Required value",
                                u + ".rules[0].apiVersions: Invalid value: []string{\"*\", \"v1\"}: if '*' is present, must not specify other API versions",
                                u + ".rules[0].resources[3]: Invalid value: \"pods/status\": if 'pods/*' is present, must not specify pods/status",
                                u + ".rules[0].resources: Invalid value: []string{\"*\", \"pods\", \"pods/*\", \"pods/status\"}: if '*' is present, must not specify other resources without subresources",
                                u + ".rules[0].scope: Unsupported value: \"Global\": supported values: \"*\", \"Cluster\", \"Namespaced\"")),
                Arguments.of("matchConditions: [{name: '', expression: ''}]", List.of(
                        u + ".matchConditions[0].expression: Required value", u + ".matchConditions[0].name: Required value")),
                Arguments.of("matchConditions: [{name: named, expression: 'object.metadata.name'}]", List.of(
                        u + ".matchConditions[0].expression: Invalid value: \"object.metadata.name\": must evaluate to bool but got dyn")));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("invalid")
    void validationSaysWhatKubeSays(String extra, List<String> expected) {
        assertThat(VALIDATING.create(config(extra))).containsExactlyElementsOf(expected);
    }

    @Test
    void webhookNamesAreUniqueAndMutatingOnesHaveAReinvocationPolicy() {
        String two = "metadata: {name: hooks}\nwebhooks:\n"
                + "- {name: a.example.com, clientConfig: {url: 'https://h.example.com'}, sideEffects: None, admissionReviewVersions: [v1]}\n"
                + "- {name: a.example.com, clientConfig: {url: 'https://h.example.com'}, sideEffects: None, admissionReviewVersions: [v1beta1], reinvocationPolicy: Always}";
        assertThat(MUTATING.create(two)).containsExactly(
                "webhooks[1].reinvocationPolicy: Unsupported value: \"Always\": supported values: \"IfNeeded\", \"Never\"",
                "webhooks[1].name: Duplicate value: \"a.example.com\"");
        assertThat(VALIDATING.create(two)).containsExactly("webhooks[1].name: Duplicate value: \"a.example.com\"");
    }
}
