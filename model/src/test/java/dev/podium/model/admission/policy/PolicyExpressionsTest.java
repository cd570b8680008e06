package dev.podium.model.admission.policy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.stream.Stream;

import static dev.podium.model.admission.policy.PolicyFixtures.DEPLOYMENTS;
import static dev.podium.model.admission.policy.PolicyFixtures.binding;
import static dev.podium.model.admission.policy.PolicyFixtures.createDeployment;
import static dev.podium.model.admission.policy.PolicyFixtures.policy;
import static org.assertj.core.api.Assertions.assertThat;

/** What expressions see (request, namespaceObject, variables) and how matchConditions gate a policy. */
class PolicyExpressionsTest {
    static List<String> denials(String spec) {
        ObjectNode p = policy("p", spec);
        ObjectNode b = binding("b", "policyName: p, validationActions: [Deny]");
        return PolicyDecisions.evaluate(List.of(p), List.of(b), ParamSource.none(), createDeployment(6)).outcomes().stream()
                .map(o -> ((PolicyOutcome.Deny) o).message().replace("ValidatingAdmissionPolicy 'p' with binding 'b' denied request: ", "")).toList();
    }

    static Stream<Arguments> variables() {
        return Stream.of(
                Arguments.of("request.operation == 'CREATE' && request.name == 'web' && request.namespace == 'team'", true),
                Arguments.of("request.kind.kind == 'Deployment' && request.resource.resource == 'deployments' && request.requestKind.group == 'apps'", true),
                Arguments.of("request.userInfo.username == 'alice' && 'dev' in request.userInfo.groups && request.dryRun == false", true),
                Arguments.of("!has(request.subResource) && request.uid == ''", true),
                Arguments.of("namespaceObject.metadata.name == 'team' && namespaceObject.metadata.labels.env == 'prod'", true),
                Arguments.of("namespaceObject.status.phase == 'Active' && namespaceObject.spec.finalizers == ['kubernetes']", true),
                Arguments.of("!has(namespaceObject.kind)", true),
                Arguments.of("oldObject == null && object.metadata.labels.app == 'web'", true),
                Arguments.of("object.spec.replicas == 6.0 && object.spec.replicas > 5u", true),
                Arguments.of("object.metadata.name.startsWith('w') && object.metadata.name.upperAscii() == 'WEB'", true),
                Arguments.of("[1, 2].all(i, j, i < j) == false || true", true),
                Arguments.of("request.userInfo.username == 'bob'", false));
    }

    @ParameterizedTest
    @MethodSource
    void variables(String expression, boolean holds) {
        List<String> denied = denials(DEPLOYMENTS + ", validations: [{expression: \"" + expression + "\"}]");
        assertThat(denied.isEmpty()).as(expression + " " + denied).isEqualTo(holds);
    }

    static Stream<Arguments> matchConditions() {
        String error = "expression 'object.spec.missing == 1' resulted in error: no such key: missing";
        String other = "expression 'object.spec.other == 1' resulted in error: no such key: other";
        return Stream.of(
                Arguments.of("Fail", "[{name: big, expression: 'object.spec.replicas > 5'}]", List.of("failed expression: false")),
                Arguments.of("Fail", "[{name: big, expression: 'object.spec.replicas > 5'}, {name: small, expression: 'object.spec.replicas < 5'}]",
                        List.of()),
                Arguments.of("Fail", "[{name: broken, expression: 'object.spec.missing == 1'}]", List.of(error)),
                Arguments.of("Fail", "[{name: broken, expression: 'object.spec.missing == 1'}, {name: other, expression: 'object.spec.other == 1'}]",
                        List.of("[" + error + ", " + other + "]")),
                Arguments.of("Fail", "[{name: broken, expression: 'object.spec.missing == 1'}, {name: no, expression: 'false'}]", List.of()),
                Arguments.of("Ignore", "[{name: broken, expression: 'object.spec.missing == 1'}]", List.of()),
                Arguments.of("Ignore", "[{name: yes, expression: 'true'}]", List.of("failed expression: false")));
    }

    @ParameterizedTest
    @MethodSource
    void matchConditions(String failurePolicy, String conditions, List<String> expected) {
        assertThat(denials("failurePolicy: " + failurePolicy + ", " + DEPLOYMENTS + ", matchConditions: " + conditions
                + ", validations: [{expression: 'false'}]")).containsExactlyElementsOf(expected);
    }

    static Stream<Arguments> composition() {
        String vars = "variables: [{name: replicas, expression: 'object.spec.replicas'}, {name: big, expression: 'variables.replicas > 5'}, "
                + "{name: broken, expression: 'object.spec.missing'}, {name: usesBroken, expression: 'variables.broken + 1'}]";
        return Stream.of(
                Arguments.of(vars, "{expression: '!variables.big', messageExpression: \"'replicas: ' + string(variables.replicas)\"}",
                        List.of("replicas: 6")),
                Arguments.of(vars, "{expression: 'variables.replicas == 6'}", List.of()),
                Arguments.of(vars, "{expression: 'variables.broken == 1'}", List.of("expression 'variables.broken == 1' resulted in error: "
                        + "composited variable \"broken\" fails to evaluate: no such key: missing")),
                Arguments.of(vars, "{expression: 'variables.usesBroken == 1'}", List.of("expression 'variables.usesBroken == 1' resulted in error: "
                        + "composited variable \"usesBroken\" fails to evaluate: composited variable \"broken\" fails to evaluate: no such key: missing")),
                Arguments.of(vars, "{expression: 'variables.big || variables.broken == 1', message: big}", List.of()),
                Arguments.of("variables: [{name: labels, expression: 'object.metadata.labels'}]", "{expression: \"variables.labels.app == 'api'\"}",
                        List.of("failed expression: variables.labels.app == 'api'")));
    }

    @ParameterizedTest
    @MethodSource
    void composition(String variables, String validation, List<String> expected) {
        assertThat(denials(DEPLOYMENTS + ", " + variables + ", validations: [" + validation + "]")).containsExactlyElementsOf(expected);
    }
}
