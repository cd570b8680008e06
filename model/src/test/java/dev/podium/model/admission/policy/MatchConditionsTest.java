package dev.podium.model.admission.policy;

import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.podium.model.admission.policy.MatchConditions.Errored;
import dev.podium.model.admission.policy.MatchConditions.Matched;
import dev.podium.model.admission.policy.MatchConditions.NotMatched;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import static dev.podium.model.admission.policy.PolicyFixtures.createDeployment;
import static dev.podium.model.admission.policy.PolicyFixtures.rendered;
import static dev.podium.model.admission.policy.PolicyFixtures.yaml;
import static org.assertj.core.api.Assertions.assertThat;

/** A webhook's matchConditions: kube's validation of them and how they decide whether the webhook is called. */
class MatchConditionsTest {
    static final String P = "webhooks[0].matchConditions";

    static ArrayNode conditions(String flow) {
        return (ArrayNode) yaml("{c: " + flow + "}").get("c");
    }

    static Stream<Arguments> evaluate() {
        String missing = "expression 'object.spec.missing == 1' resulted in error: no such key: missing";
        String other = "expression 'object.spec.other == 1' resulted in error: no such key: other";
        return Stream.of(
                Arguments.of("[]", new Matched()),
                Arguments.of("[{name: web, expression: \"object.metadata.name.startsWith('we')\"}]", new Matched()),
                Arguments.of("[{name: big, expression: 'object.spec.replicas > 5'}]", new NotMatched("big")),
                Arguments.of("[{name: always, expression: 'true'}, {name: big, expression: 'object.spec.replicas > 5'}, {name: nope, expression: 'false'}]",
                        new NotMatched("big")),
                Arguments.of("[{name: create, expression: \"request.operation == 'CREATE' && oldObject == null\"}, "
                        + "{name: user, expression: \"request.userInfo.username == 'alice'\"}, "
                        + "{name: kind, expression: \"request.kind.kind == 'Deployment' && request.resource.resource == 'deployments'\"}]", new Matched()),
                Arguments.of("[{name: ns, expression: 'namespaceObject == null'}]", new Matched()),
                Arguments.of("[{name: broken, expression: 'object.spec.missing == 1'}]", new Errored(missing)),
                Arguments.of("[{name: broken, expression: 'object.spec.missing == 1'}, {name: always, expression: 'true'}]", new Errored(missing)),
                Arguments.of("[{name: broken, expression: 'object.spec.missing == 1'}, {name: nope, expression: 'false'}]", new NotMatched("nope")),
                Arguments.of("[{name: a, expression: 'object.spec.missing == 1'}, {name: b, expression: 'object.spec.other == 1'}, "
                        + "{name: c, expression: 'object.spec.missing == 1'}]", new Errored("[" + missing + ", " + other + "]")),
                Arguments.of("[{name: params, expression: 'params == null'}]", new Errored("compilation error: compilation failed: ERROR: <input>:1:1: "
                        + "undeclared reference to 'params' (in container '')\n | params == null\n | ^")));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource
    void evaluate(String conditions, MatchConditions.Result expected) {
        assertThat(MatchConditions.evaluate(conditions(conditions), createDeployment(3))).isEqualTo(expected);
    }

    static Stream<Arguments> compileErrors() {
        String many = IntStream.range(0, 65).mapToObj(i -> "{name: c" + i + ", expression: 'true'}").collect(Collectors.joining(", ", "[", "]"));
        return Stream.of(
                Arguments.of("[{name: web, expression: \"object.metadata.name.startsWith('web')\"}, {name: example.com/ok, expression: 'true'}]",
                        List.of()),
                Arguments.of(many, List.of(P + ": Too many: 65: must have at most 64 items")),
                Arguments.of("[{name: '', expression: ''}, {name: 'bad name', expression: 'true'}, {name: x, expression: '1'}, {name: x, expression: 'true'}]",
                        List.of(P + "[0].expression: Required value", P + "[0].name: Required value",
                                P + "[1].name: Invalid value: \"bad name\": name part must consist of alphanumeric characters, '-', '_' or '.', "
                                        + "and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex "
                                        + "used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')",
                                P + "[2].expression: Invalid value: \"1\": must evaluate to bool but got int",
                                P + "[3].name: Duplicate value: \"x\"")),
                // kube offers webhooks an authorizer; Podium has none, so its use does not compile
                Arguments.of("[{name: authz, expression: \"authorizer != null\"}]", List.of(
                        P + "[0].expression: Invalid value: \"authorizer != null\": compilation failed: "
                                + "ERROR: <input>:1:1: undeclared reference to 'authorizer' (in container '')\n"
                                + " | authorizer != null\n | ^")),
                Arguments.of("[{name: params, expression: 'params.x'}]", List.of(P + "[0].expression: Invalid value: \"params.x\": compilation failed: "
                        + "ERROR: <input>:1:1: undeclared reference to 'params' (in container '')\n | params.x\n | ^")));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource
    void compileErrors(String conditions, List<String> expected) {
        assertThat(rendered(MatchConditions.compileErrors(conditions(conditions), P))).containsExactlyElementsOf(expected);
    }
}
