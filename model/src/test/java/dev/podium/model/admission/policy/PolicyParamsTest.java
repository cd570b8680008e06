package dev.podium.model.admission.policy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.stream.Stream;

import static dev.podium.model.admission.policy.PolicyFixtures.DEPLOYMENTS;
import static dev.podium.model.admission.policy.PolicyFixtures.binding;
import static dev.podium.model.admission.policy.PolicyFixtures.createDeployment;
import static dev.podium.model.admission.policy.PolicyFixtures.policy;
import static dev.podium.model.admission.policy.PolicyFixtures.yaml;
import static org.assertj.core.api.Assertions.assertThat;

/** paramKind and paramRef: which params a binding evaluates with, and kube's configuration errors. */
class PolicyParamsTest {
    static final String LIMIT = DEPLOYMENTS + ", validations: [{expression: 'object.spec.replicas <= int(params.data.max)', "
            + "messageExpression: \"'at most ' + params.data.max + ' (' + params.metadata.name + ')'\"}]";
    static final ParamSource SOURCE = PolicyFixtures.params(
            yaml("{apiVersion: v1, kind: ConfigMap, metadata: {name: limits, namespace: team, labels: {tier: gold}}, data: {max: '3'}}"),
            yaml("{apiVersion: v1, kind: ConfigMap, metadata: {name: strict, namespace: team, labels: {tier: gold}}, data: {max: '1'}}"),
            yaml("{apiVersion: v1, kind: ConfigMap, metadata: {name: limits, namespace: other}, data: {max: '10'}}"),
            yaml("{metadata: {name: cluster-limits}, spec: {max: 2}}"));

    static List<String> messages(String paramKind, String spec, String paramRef, int replicas) {
        ObjectNode p = policy("limits", "paramKind: " + paramKind + ", " + spec);
        ObjectNode b = binding("limits-binding", "policyName: limits, validationActions: [Deny]" + (paramRef.isEmpty() ? "" : ", paramRef: " + paramRef));
        return PolicyDecisions.evaluate(List.of(p), List.of(b), SOURCE, createDeployment(replicas)).outcomes().stream()
                .map(o -> ((PolicyOutcome.Deny) o).message().replace("ValidatingAdmissionPolicy 'limits' ", "")).toList();
    }

    static Stream<Arguments> params() {
        String cm = "{apiVersion: v1, kind: ConfigMap}";
        String cluster = "{apiVersion: example.com/v1, kind: ClusterParams}";
        String bound = "with binding 'limits-binding' denied request: ";
        return Stream.of(
                Arguments.of(cm, LIMIT, "{name: limits, parameterNotFoundAction: Deny}", 3, List.of()),
                Arguments.of(cm, LIMIT, "{name: limits, parameterNotFoundAction: Deny}", 4, List.of(bound + "at most 3 (limits)")),
                Arguments.of(cm, LIMIT, "{name: limits, namespace: other, parameterNotFoundAction: Deny}", 4, List.of()),
                Arguments.of(cm, LIMIT, "{selector: {matchLabels: {tier: gold}}, parameterNotFoundAction: Deny}", 2,
                        List.of(bound + "at most 1 (strict)")),
                Arguments.of(cm, LIMIT, "{selector: {}, parameterNotFoundAction: Deny}", 4,
                        List.of(bound + "at most 3 (limits)", bound + "at most 1 (strict)")),
                Arguments.of(cm, LIMIT, "{name: absent, parameterNotFoundAction: Allow}", 100, List.of()),
                Arguments.of(cm, LIMIT, "{name: absent, parameterNotFoundAction: Deny}", 1,
                        List.of(bound + "failed to configure binding: no params found for policy binding with `Deny` parameterNotFoundAction")),
                Arguments.of(cm, LIMIT, "{selector: {matchLabels: {tier: silver}}, parameterNotFoundAction: Deny}", 1,
                        List.of(bound + "failed to configure binding: no params found for policy binding with `Deny` parameterNotFoundAction")),
                Arguments.of(cm, DEPLOYMENTS + ", validations: [{expression: 'params == null'}]", "", 1, List.of()),
                Arguments.of("{apiVersion: example.com/v1, kind: Nope}", LIMIT, "{name: limits, parameterNotFoundAction: Deny}", 1,
                        List.of("denied request: failed to configure policy: failed to find resource referenced by paramKind: 'example.com/v1, Kind=Nope'")),
                Arguments.of("{apiVersion: v1, kind: Secret}", LIMIT, "{name: limits, parameterNotFoundAction: Deny}", 1,
                        List.of("denied request: failed to configure policy: failed to find resource referenced by paramKind: '/v1, Kind=Secret'")),
                Arguments.of(cluster, DEPLOYMENTS + ", validations: [{expression: 'object.spec.replicas <= params.spec.max', "
                        + "messageExpression: 'params.apiVersion + \"/\" + params.kind'}]", "{name: cluster-limits, parameterNotFoundAction: Deny}", 3,
                        List.of(bound + "example.com/v1/ClusterParams")),
                Arguments.of(cluster, LIMIT, "{name: cluster-limits, namespace: team, parameterNotFoundAction: Deny}", 1,
                        List.of(bound + "failed to configure binding: paramRef.namespace must not be provided for a cluster-scoped `paramKind`")));
    }

    @ParameterizedTest
    @MethodSource
    void params(String paramKind, String spec, String paramRef, int replicas, List<String> expected) {
        assertThat(messages(paramKind, spec, paramRef, replicas)).containsExactlyElementsOf(expected);
    }

    @Test
    void configurationErrorsAreIgnoredUnderIgnore() {
        assertThat(messages("{apiVersion: v1, kind: ConfigMap}", "failurePolicy: Ignore, " + LIMIT,
                "{name: absent, parameterNotFoundAction: Deny}", 1)).isEmpty();
        assertThat(messages("{apiVersion: v1, kind: Nope}", "failurePolicy: Ignore, " + LIMIT,
                "{name: absent, parameterNotFoundAction: Deny}", 1)).isEmpty();
    }

    @Test
    void aNamespacedParamNeedsANamespaceForClusterScopedRequests() {
        ObjectNode p = policy("limits", "paramKind: {apiVersion: v1, kind: ConfigMap}, matchConstraints: {resourceRules: [{operations: [CREATE], "
                + "apiGroups: [''], apiVersions: [v1], resources: [nodes]}]}, validations: [{expression: 'true'}]");
        ObjectNode b = binding("limits-binding", "policyName: limits, validationActions: [Deny], paramRef: {name: limits, parameterNotFoundAction: Deny}");
        PolicyRequest node = new PolicyRequest(PolicyRequest.Operation.CREATE, "", "v1", "nodes", "", "Node", "n1", "",
                yaml("{metadata: {name: n1}}"), null, null, false, null);
        assertThat(PolicyDecisions.evaluate(List.of(p), List.of(b), SOURCE, node).denial().orElseThrow().message()).endsWith(
                "failed to configure binding: cannot use namespaced paramRef in policy binding that matches cluster-scoped resources");
    }
}
