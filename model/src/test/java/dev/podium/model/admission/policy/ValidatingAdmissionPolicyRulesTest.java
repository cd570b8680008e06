package dev.podium.model.admission.policy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.stream.Stream;

import static dev.podium.model.admission.policy.PolicyFixtures.DEPLOYMENTS;
import static dev.podium.model.admission.policy.PolicyFixtures.POLICY_RULES;
import static dev.podium.model.admission.policy.PolicyFixtures.policy;
import static dev.podium.model.admission.policy.PolicyFixtures.rendered;
import static org.assertj.core.api.Assertions.assertThat;

/** ValidatingAdmissionPolicy: kube's v1 defaults and ValidateValidatingAdmissionPolicy messages. */
class ValidatingAdmissionPolicyRulesTest {
    static final String VALID = DEPLOYMENTS + ", validations: [{expression: 'object.spec.replicas <= 5'}]";
    static final String RULE0 = "spec.matchConstraints.resourceRules[0]";
    static final String DNS1035 = "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic "
            + "character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')";

    static List<String> errors(String spec) {
        return rendered(POLICY_RULES.validate(policy("p", spec)));
    }

    @Test
    void kubesDefaultsAreApplied() {
        ObjectNode p = policy("p", "matchConstraints: {resourceRules: [{operations: [CREATE], apiGroups: [''], apiVersions: [v1], resources: [pods]}], "
                + "excludeResourceRules: [{operations: [DELETE], apiGroups: [''], apiVersions: [v1], resources: [pods], scope: Namespaced}]}, "
                + "validations: [{expression: 'true'}]");
        assertThat(p.at("/spec/failurePolicy").asText()).isEqualTo("Fail");
        assertThat(p.at("/spec/matchConstraints/matchPolicy").asText()).isEqualTo("Equivalent");
        assertThat(p.at("/spec/matchConstraints/namespaceSelector").toString()).isEqualTo("{}");
        assertThat(p.at("/spec/matchConstraints/objectSelector").toString()).isEqualTo("{}");
        assertThat(p.at("/spec/matchConstraints/resourceRules/0/scope").asText()).isEqualTo("*");
        assertThat(p.at("/spec/matchConstraints/excludeResourceRules/0/scope").asText()).isEqualTo("Namespaced");
        assertThat(policy("p", "failurePolicy: Ignore, " + VALID).at("/spec/failurePolicy").asText()).isEqualTo("Ignore");
        assertThat(policy("p", "validations: [{expression: 'true'}]").at("/spec").has("matchConstraints"))
                .as("a missing matchConstraints stays missing").isFalse();
    }

    static Stream<Arguments> invalid() {
        return Stream.of(
                Arguments.of(VALID, List.of()),
                Arguments.of(DEPLOYMENTS, List.of(
                        "spec.validations: Required value: validations or auditAnnotations must contain at least one item",
                        "spec.auditAnnotations: Required value: validations or auditAnnotations must contain at least one item")),
                Arguments.of(DEPLOYMENTS + ", auditAnnotations: [{key: replicas, valueExpression: 'string(object.spec.replicas)'}]", List.of()),
                Arguments.of("validations: [{expression: 'true'}]", List.of("spec.matchConstraints: Required value")),
                Arguments.of("matchConstraints: {}, validations: [{expression: 'true'}]", List.of("spec.matchConstraints.resourceRules: Required value")),
                Arguments.of("failurePolicy: Never, " + VALID,
                        List.of("spec.failurePolicy: Unsupported value: \"Never\": supported values: \"Fail\", \"Ignore\"")),
                Arguments.of(DEPLOYMENTS + ", validations: [{expression: 'object.spec.replicas'}]",
                        List.of("spec.validations[0].expression: Invalid value: \"object.spec.replicas\": must evaluate to bool but got dyn")),
                Arguments.of(DEPLOYMENTS + ", validations: [{expression: '  '}]",
                        List.of("spec.validations[0].expression: Required value: expression is not specified")),
                Arguments.of(DEPLOYMENTS + ", validations: [{expression: 'params.max > 1'}]",
                        List.of("spec.validations[0].expression: Invalid value: \"params.max > 1\": compilation failed: ERROR: <input>:1:1: "
                                + "undeclared reference to 'params' (in container '')\n | params.max > 1\n | ^")),
                Arguments.of(DEPLOYMENTS + ", paramKind: {apiVersion: v1, kind: ConfigMap}, validations: [{expression: 'params.data.max == \"1\"'}]",
                        List.of()),
                Arguments.of(DEPLOYMENTS + ", validations: [{expression: 'true', messageExpression: '1'}]",
                        List.of("spec.validations[0].messageExpression: Invalid value: \"1\": must evaluate to string but got int")),
                Arguments.of(DEPLOYMENTS + ", validations: [{expression: 'true', messageExpression: '  '}]",
                        List.of("spec.validations[0].messageExpression: Invalid value: \"  \": must be non-empty if specified")),
                Arguments.of(DEPLOYMENTS + ", validations: [{expression: 'true', message: '  '}]",
                        List.of("spec.validations[0].message: Invalid value: \"  \": message must be non-empty if specified")),
                Arguments.of(DEPLOYMENTS + ", validations: [{expression: 'true', message: \"two\\nlines\"}]",
                        List.of("spec.validations[0].message: Invalid value: \"two\nlines\": message must not contain line breaks")),
                Arguments.of(DEPLOYMENTS + ", validations: [{expression: 'true', reason: Unauthorized}]",
                        List.of("spec.validations[0].reason: Unsupported value: \"Unauthorized\": supported values: \"Forbidden\", \"Invalid\", "
                                + "\"RequestEntityTooLarge\"")),
                Arguments.of(DEPLOYMENTS + ", validations: [{expression: 'true', reason: Forbidden}]", List.of()),
                Arguments.of("paramKind: {}, " + VALID, List.of("spec.paramKind.apiVersion: Required value", "spec.paramKind.kind: Required value")),
                Arguments.of("paramKind: {apiVersion: a/b/c, kind: Params}, " + VALID,
                        List.of("spec.paramKind.apiVersion: Invalid value: \"a/b/c\": unexpected GroupVersion string: a/b/c")),
                Arguments.of("paramKind: {apiVersion: example.com/, kind: Params}, " + VALID,
                        List.of("spec.paramKind.apiVersion: Invalid value: \"example.com/\": version must be specified")),
                Arguments.of("paramKind: {apiVersion: v1, kind: Config_Map}, " + VALID,
                        List.of("spec.paramKind.kind: Invalid value: \"Config_Map\": may have mixed case, but should otherwise match: " + DNS1035)),
                Arguments.of("matchConstraints: {matchPolicy: Fuzzy, resourceRules: [{operations: [CREATE, '*'], apiGroups: ['*', apps], "
                        + "apiVersions: [''], resources: [], resourceNames: [a/b, x, x]}]}, validations: [{expression: 'true'}]", List.of(
                        "spec.matchConstraints.matchPolicy: Unsupported value: \"Fuzzy\": supported values: \"Equivalent\", \"Exact\"",
                        RULE0 + ".resourceNames[0]: Invalid value: \"a/b\": may not contain '/'",
                        RULE0 + ".resourceNames[2]: Duplicate value: \"x\"",
                        RULE0 + ".operations: Invalid value: []admissionregistration.OperationType{\"CREATE\", \"*\"}: if '*' is present, "
                                + "must not specify other operations",
                        RULE0 + ".apiGroups: Invalid value: []string{\"*\", \"apps\"}: if '*' is present, must not specify other API groups",
                        RULE0 + ".apiVersions[0]: Required value",
                        RULE0 + ".resources: Required value")),
                Arguments.of("matchConstraints: {resourceRules: [{operations: [PATCH], apiGroups: [apps], apiVersions: [v1], resources: ['*', pods], "
                        + "scope: Global}]}, validations: [{expression: 'true'}]", List.of(
                        RULE0 + ".operations[0]: Unsupported value: \"PATCH\": supported values: \"*\", \"CONNECT\", \"CREATE\", \"DELETE\", \"UPDATE\"",
                        RULE0 + ".resources: Invalid value: []string{\"*\", \"pods\"}: if '*' is present, must not specify other resources without subresources",
                        RULE0 + ".scope: Unsupported value: \"Global\": supported values: \"*\", \"Cluster\", \"Namespaced\"")),
                Arguments.of("matchConstraints: {namespaceSelector: {matchExpressions: [{key: env, operator: Like}]}, resourceRules: "
                        + "[{operations: [CREATE], apiGroups: [''], apiVersions: [v1], resources: [pods/*, pods/status]}]}, validations: [{expression: 'true'}]",
                        List.of("spec.matchConstraints.namespaceSelector.matchExpressions[0].operator: Invalid value: \"Like\": not a valid selector operator",
                                RULE0 + ".resources[1]: Invalid value: \"pods/status\": if 'pods/*' is present, must not specify pods/status")),
                Arguments.of(DEPLOYMENTS + ", matchConditions: [{name: '', expression: ''}, {name: 'bad name', expression: 'true'}, "
                        + "{name: prod, expression: \"'yes'\"}, {name: prod, expression: 'true'}], validations: [{expression: 'true'}]", List.of(
                        "spec.matchConditions[0].expression: Required value",
                        "spec.matchConditions[0].name: Required value",
                        "spec.matchConditions[1].name: Invalid value: \"bad name\": name part must consist of alphanumeric characters, '-', '_' or '.', "
                                + "and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for "
                                + "validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')",
                        "spec.matchConditions[2].expression: Invalid value: \"'yes'\": must evaluate to bool but got string",
                        "spec.matchConditions[3].name: Duplicate value: \"prod\"")),
                Arguments.of(DEPLOYMENTS + ", variables: [{name: replicas, expression: 'object.spec.replicas'}], matchConditions: "
                        + "[{name: few, expression: 'variables.replicas < 3'}], validations: [{expression: 'true'}]",
                        List.of("spec.matchConditions[0].expression: Invalid value: \"variables.replicas < 3\": compilation failed: ERROR: <input>:1:1: "
                                + "undeclared reference to 'variables' (in container '')\n | variables.replicas < 3\n | ^")),
                Arguments.of(DEPLOYMENTS + ", variables: [{name: big, expression: 'object.spec.replicas > 5'}, {name: notBig, expression: '!variables.big'}], "
                        + "validations: [{expression: 'variables.notBig', messageExpression: \"'big: ' + string(variables.big)\"}]", List.of()),
                Arguments.of(DEPLOYMENTS + ", variables: [{name: 1st, expression: '1'}, {name: b, expression: ' '}, {name: c, expression: 'variables.d'}, "
                        + "{name: d, expression: '1'}], validations: [{expression: \"variables.d + 'x' == ''\"}]", List.of(
                        "spec.variables[0].name: Invalid value: \"1st\": name is not a valid CEL identifier",
                        "spec.variables[1].expression: Required value: expression is not specified",
                        "spec.variables[2].expression: Invalid value: \"variables.d\": compilation failed: ERROR: <input>:1:10: undefined field 'd'\n"
                                + " | variables.d\n | .........^",
                        "spec.validations[0].expression: Invalid value: \"variables.d + 'x' == ''\": compilation failed: ERROR: <input>:1:13: "
                                + "found no matching overload for '_+_' applied to '(int, string)'\n | variables.d + 'x' == ''\n | ............^")),
                Arguments.of(DEPLOYMENTS + ", auditAnnotations: [{key: replicas, valueExpression: '1'}, {key: replicas, valueExpression: ' '}]", List.of(
                        "spec.auditAnnotations[0].valueExpression: Invalid value: \"1\": must evaluate to one of [string null_type] but got int",
                        "spec.auditAnnotations[1].valueExpression: Required value: valueExpression is not specified",
                        "spec.auditAnnotations[1].key: Duplicate value: \"replicas\"")));
    }

    @ParameterizedTest
    @MethodSource
    void invalid(String spec, List<String> expected) {
        assertThat(errors(spec)).containsExactlyElementsOf(expected);
    }

    @Test
    void syntaxErrorsAreKubesCompilationFailures() {
        assertThat(errors(DEPLOYMENTS + ", validations: [{expression: 'object.spec.replicas <='}]")).singleElement().asString()
                .startsWith("spec.validations[0].expression: Invalid value: \"object.spec.replicas <=\": compilation failed: ERROR: <input>:1:");
    }

    @Test
    void theAuthorizerIsNotOffered() {
        assertThat(errors(DEPLOYMENTS + ", validations: [{expression: \"authorizer.group('').resource('pods').check('get').allowed()\"}]"))
                .singleElement().asString().contains("undeclared reference to 'authorizer'");
    }
}
