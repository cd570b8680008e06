package dev.podium.model.admission.policy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.stream.Stream;

import static dev.podium.model.admission.policy.PolicyFixtures.BINDING_RULES;
import static dev.podium.model.admission.policy.PolicyFixtures.binding;
import static dev.podium.model.admission.policy.PolicyFixtures.rendered;
import static org.assertj.core.api.Assertions.assertThat;

/** ValidatingAdmissionPolicyBinding: kube's v1 defaults and ValidateValidatingAdmissionPolicyBinding messages. */
class ValidatingAdmissionPolicyBindingRulesTest {
    static final String BOTH = "must not contain both Deny and Warn (repeating the same validation failure information in the API response "
            + "and headers serves no purpose)";

    @Test
    void matchResourcesIsDefaultedOnlyWhenPresent() {
        ObjectNode b = binding("b", "policyName: p, validationActions: [Deny], matchResources: {resourceRules: "
                + "[{operations: [CREATE], apiGroups: [''], apiVersions: [v1], resources: [pods]}]}, paramRef: {name: limits}");
        assertThat(b.at("/spec/matchResources/matchPolicy").asText()).isEqualTo("Equivalent");
        assertThat(b.at("/spec/matchResources/namespaceSelector").toString()).isEqualTo("{}");
        assertThat(b.at("/spec/matchResources/objectSelector").toString()).isEqualTo("{}");
        assertThat(b.at("/spec/matchResources/resourceRules/0/scope").asText()).isEqualTo("*");
        assertThat(b.at("/spec/paramRef").has("parameterNotFoundAction")).as("v1 leaves parameterNotFoundAction to the user").isFalse();
        assertThat(binding("b", "policyName: p, validationActions: [Deny]").at("/spec").has("matchResources")).isFalse();
    }

    static Stream<Arguments> invalid() {
        return Stream.of(
                Arguments.of("policyName: p, validationActions: [Deny]", List.of()),
                Arguments.of("policyName: p, validationActions: [Warn, Audit]", List.of()),
                Arguments.of("validationActions: [Deny]", List.of("spec.policyName: Required value")),
                Arguments.of("policyName: P_1, validationActions: [Deny]", List.of("spec.policyName: Invalid value: \"P_1\": a lowercase RFC 1123 "
                        + "subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric "
                        + "character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')")),
                Arguments.of("policyName: p", List.of("spec.validationActions: Required value: at least one validation action is required")),
                Arguments.of("policyName: p, validationActions: []", List.of("spec.validationActions: Required value: at least one validation action is required")),
                Arguments.of("policyName: p, validationActions: [Deny, Warn]", List.of(
                        "spec.validationActions: Invalid value: []admissionregistration.ValidationAction{\"Deny\", \"Warn\"}: " + BOTH)),
                Arguments.of("policyName: p, validationActions: [Audit, Audit]", List.of("spec.validationActions[1]: Duplicate value: \"Audit\"")),
                Arguments.of("policyName: p, validationActions: [Block]",
                        List.of("spec.validationActions[0]: Unsupported value: \"Block\": supported values: \"Audit\", \"Deny\", \"Warn\"")),
                Arguments.of("policyName: p, validationActions: [Deny], paramRef: {}", List.of(
                        "spec.paramRef: Required value: one of name or selector must be specified",
                        "spec.paramRef.parameterNotFoundAction: Required value")),
                Arguments.of("policyName: p, validationActions: [Deny], paramRef: {name: a, selector: {}, parameterNotFoundAction: Allow}", List.of(
                        "spec.paramRef.name: Forbidden: name and selector are mutually exclusive",
                        "spec.paramRef.selector: Forbidden: name and selector are mutually exclusive")),
                Arguments.of("policyName: p, validationActions: [Deny], paramRef: {name: a/b, parameterNotFoundAction: Ignore}", List.of(
                        "spec.paramRef.name: Invalid value: \"a/b\": may not contain '/'",
                        "spec.paramRef.parameterNotFoundAction: Unsupported value: \"Ignore\": supported values: \"Deny\", \"Allow\"")),
                Arguments.of("policyName: p, validationActions: [Deny], paramRef: {selector: {matchLabels: {tier: gold}}, parameterNotFoundAction: Deny}",
                        List.of()),
                Arguments.of("policyName: p, validationActions: [Deny], matchResources: {matchPolicy: Fuzzy, objectSelector: "
                        + "{matchExpressions: [{key: env, operator: In}]}}", List.of(
                        "spec.matchResouces.matchPolicy: Unsupported value: \"Fuzzy\": supported values: \"Equivalent\", \"Exact\"",
                        "spec.matchResouces.objectSelector.matchExpressions[0].values: Required value: must be specified when `operator` is 'In' or 'NotIn'")));
    }

    @ParameterizedTest
    @MethodSource
    void invalid(String spec, List<String> expected) {
        assertThat(rendered(BINDING_RULES.validate(binding("b", spec)))).containsExactlyElementsOf(expected);
    }
}
