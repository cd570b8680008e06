package dev.podium.model.kinds.rules;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.podium.model.flowcontrol.FlowControlDefaults;
import dev.podium.model.json.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

class FlowControlRulesTest {
    static final KindFixtures LEVELS = KindFixtures.of("PriorityLevelConfiguration.flowcontrol.apiserver.k8s.io");
    static final KindFixtures SCHEMAS = KindFixtures.of("FlowSchema.flowcontrol.apiserver.k8s.io");
    static final String SUBJECTS = "subjects: [{kind: Group, group: {name: system:authenticated}}]";

    @Test
    void everyBootstrapObjectIsValid() throws Exception {
        for (ObjectNode level : FlowControlDefaults.priorityLevels()) assertThat(LEVELS.create(Json.MAPPER.writeValueAsString(level))).isEmpty();
        for (ObjectNode schema : FlowControlDefaults.flowSchemas()) assertThat(SCHEMAS.create(Json.MAPPER.writeValueAsString(schema))).isEmpty();
    }

    @Test
    void limitedLevelsAndQueuesGetKubesV1Defaults() {
        ObjectNode level = LEVELS.defaulted("metadata: {name: batch}\nspec: {type: Limited, limited: {limitResponse: {type: Queue, queuing: {}}}}");
        assertThat(level.at("/spec/limited/nominalConcurrencyShares").asInt()).isEqualTo(30);
        assertThat(level.at("/spec/limited/lendablePercent").asInt()).isZero();
        assertThat(level.at("/spec/limited/limitResponse/queuing/queues").asInt()).isEqualTo(64);
        assertThat(level.at("/spec/limited/limitResponse/queuing/handSize").asInt()).isEqualTo(8);
        assertThat(level.at("/spec/limited/limitResponse/queuing/queueLengthLimit").asInt()).isEqualTo(50);
    }

    @Test
    void schemasWithoutPrecedenceGetOneThousand() {
        ObjectNode schema = SCHEMAS.defaulted("metadata: {name: mine}\nspec: {priorityLevelConfiguration: {name: workload-low}, rules: [{"
                + SUBJECTS + ", nonResourceRules: [{verbs: [get], nonResourceURLs: ['*']}]}]}");
        assertThat(schema.at("/spec/matchingPrecedence").asInt()).isEqualTo(1000);
    }

    static Stream<Arguments> invalidLevels() {
        return Stream.of(
                Arguments.of("spec: {}", List.of("spec.type: Required value: must be one of Exempt, Limited")),
                Arguments.of("spec: {type: Fast}", List.of("spec.type: Unsupported value: \"Fast\": supported values: \"Exempt\", \"Limited\"")),
                Arguments.of("spec: {type: Limited}", List.of("spec.limited: Required value: must not be empty when type is Limited")),
                Arguments.of("spec: {type: Exempt}", List.of("spec.type: Invalid value: \"Exempt\": type must be Exempt if and only if name is exempt")),
                Arguments.of("spec: {type: Limited, limited: {lendablePercent: 101, limitResponse: {type: Reject}}}",
                        List.of("spec.limited.lendablePercent: Invalid value: 101: must be between 0 and 100, inclusive")),
                Arguments.of("spec: {type: Limited, limited: {limitResponse: {type: Queue, queuing: {queues: 4, handSize: 6}}}}",
                        List.of("spec.limited.limitResponse.queuing.handSize: Invalid value: 6: should not be greater than queues (4)")),
                Arguments.of("spec: {type: Limited, limited: {limitResponse: {type: Wait}}}",
                        List.of("spec.limited.limitResponse.type: Unsupported value: \"Wait\": supported values: \"Queue\", \"Reject\"")));
    }

    @ParameterizedTest(name = "[{index}] {1}")
    @MethodSource("invalidLevels")
    void invalidLevelsGiveFieldAndMessage(String spec, List<String> expected) {
        assertThat(LEVELS.create("metadata: {name: batch}\n" + spec)).containsExactlyElementsOf(expected);
    }

    static Stream<Arguments> invalidSchemas() {
        String level = "priorityLevelConfiguration: {name: workload-low}";
        return Stream.of(
                Arguments.of("spec: {rules: [{" + SUBJECTS + ", nonResourceRules: [{verbs: [get], nonResourceURLs: ['*']}]}]}",
                        List.of("spec.priorityLevelConfiguration.name: Required value: must reference a priority level")),
                Arguments.of("spec: {" + level + ", matchingPrecedence: 10001}",
                        List.of("spec.matchingPrecedence: Invalid value: 10001: must be between 1 and 10000, inclusive")),
                Arguments.of("spec: {" + level + ", distinguisherMethod: {type: ByGroup}}",
                        List.of("spec.distinguisherMethod.type: Unsupported value: \"ByGroup\": supported values: \"ByUser\", \"ByNamespace\"")),
                Arguments.of("spec: {" + level + ", rules: [{" + SUBJECTS + "}]}",
                        List.of("spec.rules[0]: Required value: at least one of resourceRules and nonResourceRules has to be non-empty")),
                Arguments.of("spec: {" + level + ", rules: [{subjects: [{kind: Robot}], nonResourceRules: [{verbs: [get], nonResourceURLs: ['*']}]}]}",
                        List.of("spec.rules[0].subjects[0].kind: Unsupported value: \"Robot\": supported values: \"ServiceAccount\", \"Group\", \"User\"")),
                Arguments.of("spec: {" + level + ", rules: [{" + SUBJECTS + ", resourceRules: [{verbs: [get], apiGroups: [''], resources: [pods]}]}]}",
                        List.of("spec.rules[0].resourceRules[0].namespaces: Required value: "
                                + "resource rules that are not cluster scoped must supply at least one namespace")));
    }

    @ParameterizedTest(name = "[{index}] {1}")
    @MethodSource("invalidSchemas")
    void invalidSchemasGiveFieldAndMessage(String spec, List<String> expected) {
        assertThat(SCHEMAS.create("metadata: {name: mine}\n" + spec)).containsExactlyElementsOf(expected);
    }
}
