package dev.podium.model.kinds.rules;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.podium.model.kinds.KindRegistry;
import dev.podium.model.kinds.ResourceKind;
import dev.podium.model.validation.Validator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.Base64;
import java.util.List;
import java.util.stream.Stream;

import static dev.podium.model.validation.Fixtures.render;
import static dev.podium.model.validation.Fixtures.yaml;
import static org.assertj.core.api.Assertions.assertThat;

class ConfigMapRulesTest {
    static final ResourceKind CM = KindRegistry.get("ConfigMap");
    static final String META = "metadata: {name: cm, namespace: d}\n";

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("data: {a.b: x, C_D: y, e-f: ''}\nbinaryData: {bin: AAEC}", List.of()),
                Arguments.of("data: {'bad key': x}", List.of("data[bad key]: Invalid value: \"bad key\": a valid config key must consist of "
                        + "alphanumeric characters, '-', '_' or '.' (e.g. 'key.name',  or 'KEY_NAME',  or 'key-name', regex used for "
                        + "validation is '[-._a-zA-Z0-9]+')")),
                Arguments.of("binaryData: {'..': AA==}", List.of("binaryData[..]: Invalid value: \"..\": must not be '..'")),
                Arguments.of("data: {k: x}\nbinaryData: {k: AA==}", List.of("data[k]: Invalid value: \"k\": duplicate of key present in binaryData")),
                Arguments.of("binaryData: {k: 'not base64!'}", List.of("binaryData[k]: Invalid value: \"not base64!\": illegal base64 data at input byte 3")));
    }

    @ParameterizedTest(name = "[{index}] {1}")
    @MethodSource("cases")
    void validation(String body, List<String> expected) {
        assertThat(render(Validator.forCreate(CM, yaml(META + body)))).containsExactlyElementsOf(expected);
    }

    @ParameterizedTest(name = "[{index}] data={0} bytes, binaryData={1} bytes")
    @CsvSource({"1048576, 0, true", "1048577, 0, false", "1048000, 576, true", "1048000, 577, false"})
    void oneMebibyteLimit(int dataBytes, int binaryBytes, boolean valid) {
        ObjectNode cm = yaml(META);
        cm.putObject("data").put("big", "x".repeat(dataBytes));
        if (binaryBytes > 0) cm.putObject("binaryData").put("bin", Base64.getEncoder().encodeToString(new byte[binaryBytes]));
        List<String> errs = render(Validator.forCreate(CM, cm));
        if (valid) assertThat(errs).isEmpty();
        else assertThat(errs).containsExactly("[]: Too long: may not be more than 1048576 bytes");
    }

    @Test
    void immutableConfigMap() {
        ObjectNode old = yaml(META + "immutable: true\ndata: {a: b}");
        assertThat(Validator.forUpdate(CM, old, yaml(META + "immutable: true\ndata: {a: b}\nmetadata2: x"))).isEmpty();
        assertThat(render(Validator.forUpdate(CM, old, yaml(META + "immutable: true\ndata: {a: c}"))))
                .containsExactly("data: Forbidden: field is immutable when `immutable` is set");
        assertThat(render(Validator.forUpdate(CM, old, yaml(META + "immutable: true\ndata: {a: b}\nbinaryData: {x: AA==}"))))
                .containsExactly("binaryData: Forbidden: field is immutable when `immutable` is set");
        assertThat(render(Validator.forUpdate(CM, old, yaml(META + "data: {a: b}"))))
                .containsExactly("immutable: Forbidden: field is immutable when `immutable` is set");
        assertThat(Validator.forUpdate(CM, yaml(META + "data: {a: b}"), yaml(META + "immutable: true\ndata: {a: c}"))).isEmpty();
    }
}
