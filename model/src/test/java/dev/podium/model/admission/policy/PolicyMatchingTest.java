package dev.podium.model.admission.policy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.stream.Stream;

import static dev.podium.model.admission.policy.PolicyFixtures.binding;
import static dev.podium.model.admission.policy.PolicyFixtures.create;
import static dev.podium.model.admission.policy.PolicyFixtures.createDeployment;
import static dev.podium.model.admission.policy.PolicyFixtures.deployment;
import static dev.podium.model.admission.policy.PolicyFixtures.namespace;
import static dev.podium.model.admission.policy.PolicyFixtures.policy;
import static org.assertj.core.api.Assertions.assertThat;

/** Which requests a policy's matchConstraints and a binding's matchResources select (a denying policy shows a match). */
class PolicyMatchingTest {
    static final String RULE = "{operations: [CREATE], apiGroups: [apps], apiVersions: [v1], resources: [deployments]}";

    static boolean matches(String constraints, String bindingMatch, PolicyRequest request) {
        ObjectNode p = policy("deny-all", "matchConstraints: {" + constraints + "}, validations: [{expression: 'false'}]");
        ObjectNode b = binding("deny-all", "policyName: deny-all, validationActions: [Deny]" + (bindingMatch.isEmpty() ? "" : ", matchResources: {" + bindingMatch + "}"));
        return PolicyDecisions.evaluate(List.of(p), List.of(b), ParamSource.none(), request).denial().isPresent();
    }

    static PolicyRequest scale(PolicyRequest.Operation operation) {
        PolicyRequest r = createDeployment(1);
        return new PolicyRequest(operation, "apps", "v1", "deployments", "scale", "Scale", "web", "team", r.object(), r.object(),
                r.namespaceObject(), false, r.userInfo());
    }

    static PolicyRequest inNamespace(String labels) {
        PolicyRequest r = createDeployment(1);
        return new PolicyRequest(r.operation(), r.group(), r.version(), r.resource(), "", r.kind(), r.name(), "team", r.object(), null,
                namespace("team", labels), false, r.userInfo());
    }

    static PolicyRequest namespaceCreate(String labels) {
        ObjectNode ns = namespace("fresh", labels);
        return new PolicyRequest(PolicyRequest.Operation.CREATE, "", "v1", "namespaces", "", "Namespace", "fresh", "", ns, null, null, false, null);
    }

    static Stream<Arguments> constraints() {
        PolicyRequest web = createDeployment(1);
        return Stream.of(
                Arguments.of("resourceRules: [" + RULE + "]", web, true),
                Arguments.of("resourceRules: [{operations: [UPDATE], apiGroups: [apps], apiVersions: [v1], resources: [deployments]}]", web, false),
                Arguments.of("resourceRules: [{operations: ['*'], apiGroups: ['*'], apiVersions: ['*'], resources: ['*']}]", web, true),
                Arguments.of("resourceRules: [{operations: [CREATE], apiGroups: [''], apiVersions: [v1], resources: [deployments]}]", web, false),
                Arguments.of("resourceRules: [{operations: [CREATE], apiGroups: [apps], apiVersions: [v1beta1], resources: [deployments]}]", web, false),
                Arguments.of("resourceRules: [{operations: [UPDATE], apiGroups: [apps], apiVersions: [v1], resources: [deployments]}]",
                        scale(PolicyRequest.Operation.UPDATE), false),
                Arguments.of("resourceRules: [{operations: [UPDATE], apiGroups: [apps], apiVersions: [v1], resources: [deployments/scale]}]",
                        scale(PolicyRequest.Operation.UPDATE), true),
                Arguments.of("resourceRules: [{operations: [UPDATE], apiGroups: [apps], apiVersions: [v1], resources: ['deployments/*']}]",
                        scale(PolicyRequest.Operation.UPDATE), true),
                Arguments.of("resourceRules: [{operations: [UPDATE], apiGroups: [apps], apiVersions: [v1], resources: ['*/scale']}]",
                        scale(PolicyRequest.Operation.UPDATE), true),
                Arguments.of("resourceRules: [{operations: [UPDATE], apiGroups: [apps], apiVersions: [v1], resources: ['*']}]",
                        scale(PolicyRequest.Operation.UPDATE), false),
                Arguments.of("resourceRules: [{operations: [CREATE], apiGroups: [apps], apiVersions: [v1], resources: [deployments], resourceNames: [api]}]",
                        web, false),
                Arguments.of("resourceRules: [{operations: [CREATE], apiGroups: [apps], apiVersions: [v1], resources: [deployments], "
                        + "resourceNames: [api, web]}]", web, true),
                Arguments.of("resourceRules: [" + RULE + "], excludeResourceRules: [" + RULE + "]", web, false),
                Arguments.of("resourceRules: [{operations: [CREATE], apiGroups: [apps], apiVersions: [v1], resources: [deployments], scope: Namespaced}]",
                        web, true),
                Arguments.of("resourceRules: [{operations: [CREATE], apiGroups: [apps], apiVersions: [v1], resources: [deployments], scope: Cluster}]",
                        web, false),
                Arguments.of("resourceRules: [{operations: [CREATE], apiGroups: [''], apiVersions: [v1], resources: [namespaces], scope: Cluster}]",
                        namespaceCreate(""), true),
                Arguments.of("resourceRules: [" + RULE + "], namespaceSelector: {matchLabels: {env: prod}}", inNamespace("env: prod"), true),
                Arguments.of("resourceRules: [" + RULE + "], namespaceSelector: {matchLabels: {env: prod}}", inNamespace("env: dev"), false),
                Arguments.of("resourceRules: [" + RULE + "], namespaceSelector: {matchExpressions: [{key: env, operator: NotIn, values: [dev]}]}",
                        inNamespace("env: prod"), true),
                Arguments.of("resourceRules: [{operations: [CREATE], apiGroups: [''], apiVersions: [v1], resources: [namespaces]}], "
                        + "namespaceSelector: {matchLabels: {env: prod}}", namespaceCreate("env: prod"), true),
                Arguments.of("resourceRules: [{operations: [CREATE], apiGroups: [''], apiVersions: [v1], resources: [namespaces]}], "
                        + "namespaceSelector: {matchLabels: {env: prod}}", namespaceCreate("env: dev"), false),
                Arguments.of("resourceRules: [" + RULE + "], objectSelector: {matchLabels: {app: web}}", web, true),
                Arguments.of("resourceRules: [" + RULE + "], objectSelector: {matchLabels: {app: api}}", web, false),
                Arguments.of("resourceRules: [" + RULE + "], objectSelector: {matchExpressions: [{key: app, operator: Exists}]}",
                        create(deployment("bare", "team", 1, "")), false));
    }

    @ParameterizedTest
    @MethodSource
    void constraints(String constraints, PolicyRequest request, boolean expected) {
        assertThat(matches(constraints, "", request)).isEqualTo(expected);
    }

    @Test
    void theObjectSelectorAlsoMatchesTheOldObject() {
        ObjectNode labelled = deployment("web", "team", 1, "app: web");
        ObjectNode unlabelled = deployment("web", "team", 1, "");
        PolicyRequest update = new PolicyRequest(PolicyRequest.Operation.UPDATE, "apps", "v1", "deployments", "", "Deployment", "web", "team",
                unlabelled, labelled, namespace("team", ""), false, null);
        String rule = "resourceRules: [{operations: [UPDATE], apiGroups: [apps], apiVersions: [v1], resources: [deployments]}], ";
        assertThat(matches(rule + "objectSelector: {matchLabels: {app: web}}", "", update)).isTrue();
    }

    @Test
    void aBindingsMatchResourcesNarrowsThePolicy() {
        String constraints = "resourceRules: [" + RULE + "]";
        assertThat(matches(constraints, "namespaceSelector: {matchLabels: {env: prod}}", inNamespace("env: prod"))).isTrue();
        assertThat(matches(constraints, "namespaceSelector: {matchLabels: {env: prod}}", inNamespace("env: dev"))).isFalse();
        assertThat(matches(constraints, "resourceRules: [{operations: [CREATE], apiGroups: [apps], apiVersions: [v1], resources: [deployments], "
                + "resourceNames: [api]}]", createDeployment(1))).isFalse();
        assertThat(matches(constraints, "excludeResourceRules: [" + RULE + "]", createDeployment(1))).isFalse();
    }

    @Test
    void policiesAndBindingsThemselvesAreNeverChecked() {
        ObjectNode vap = policy("x", "validations: [{expression: 'true'}]");
        PolicyRequest write = new PolicyRequest(PolicyRequest.Operation.CREATE, "admissionregistration.k8s.io", "v1", "validatingadmissionpolicies",
                "", "ValidatingAdmissionPolicy", "x", "", vap, null, null, false, null);
        assertThat(matches("resourceRules: [{operations: ['*'], apiGroups: ['*'], apiVersions: ['*'], resources: ['*']}]", "", write)).isFalse();
    }

    @Test
    void onlyBoundPoliciesAreEvaluated() {
        ObjectNode p = policy("deny-all", "matchConstraints: {resourceRules: [" + RULE + "]}, validations: [{expression: 'false'}]");
        ObjectNode other = binding("other", "policyName: missing, validationActions: [Deny]");
        assertThat(PolicyDecisions.evaluate(List.of(p), List.of(), ParamSource.none(), createDeployment(1)).outcomes()).isEmpty();
        assertThat(PolicyDecisions.evaluate(List.of(p), List.of(other), ParamSource.none(), createDeployment(1)).outcomes()).isEmpty();
    }
}
