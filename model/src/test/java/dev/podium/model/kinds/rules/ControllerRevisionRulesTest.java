package dev.podium.model.kinds.rules;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

class ControllerRevisionRulesTest {
    static final KindFixtures REVISION = KindFixtures.of("ControllerRevision.apps");

    static String revision(String fields) {
        return "metadata: {name: web-7d4b9c, namespace: d}\n" + fields;
    }

    static Stream<Arguments> creates() {
        return Stream.of(
                Arguments.of("revision: 1\ndata: {spec: {template: {}}}", List.of()),
                Arguments.of("revision: 1\ndata: 7", List.of()),
                Arguments.of("revision: 1", List.of("data: Required value: data is mandatory")),
                Arguments.of("revision: -1\ndata: {}", List.of("revision: Invalid value: -1: must be greater than or equal to 0")));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("creates")
    void validation(String fields, List<String> expected) {
        assertThat(REVISION.create(revision(fields))).containsExactlyElementsOf(expected);
    }

    static Stream<Arguments> updates() {
        return Stream.of(
                Arguments.of("revision: 1\ndata: {a: 1}", List.of()),
                Arguments.of("revision: 2\ndata: {a: 1}", List.of()),
                Arguments.of("revision: 1\ndata: {a: 2}", List.of("data: Invalid value: runtime.RawExtension{...}: field is immutable")));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("updates")
    void onlyTheRevisionMayChange(String updated, List<String> expected) {
        assertThat(REVISION.update(revision("revision: 1\ndata: {a: 1}"), revision(updated))).containsExactlyElementsOf(expected);
    }
}
