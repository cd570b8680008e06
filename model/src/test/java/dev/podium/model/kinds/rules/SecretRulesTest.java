package dev.podium.model.kinds.rules;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.podium.model.kinds.KindRegistry;
import dev.podium.model.kinds.ResourceKind;
import dev.podium.model.validation.Defaulter;
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

class SecretRulesTest {
    static final ResourceKind SECRET = KindRegistry.get("Secret");
    static final String META = "metadata: {name: s, namespace: d}\n";

    static ObjectNode defaulted(String yaml) {
        ObjectNode s = yaml(yaml);
        Defaulter.apply(SECRET, s);
        return s;
    }

    @Test
    void typeDefaultsToOpaque() {
        assertThat(defaulted(META).get("type").asText()).isEqualTo("Opaque");
        assertThat(defaulted(META + "type: kubernetes.io/tls").get("type").asText()).isEqualTo("kubernetes.io/tls");
    }

    @Test
    void stringDataIsMergedIntoDataAndWins() {
        ObjectNode s = defaulted(META + "data: {a: " + b64("old") + ", keep: " + b64("k") + "}\nstringData: {a: new, b: 'héllo'}");
        assertThat(s.has("stringData")).isFalse();
        assertThat(s.at("/data/a").asText()).isEqualTo(b64("new"));
        assertThat(s.at("/data/b").asText()).isEqualTo(Base64.getEncoder().encodeToString("héllo".getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        assertThat(s.at("/data/keep").asText()).isEqualTo(b64("k"));
    }

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("data: {a: " + b64("x") + "}", List.of()),
                Arguments.of("data: {a: 'abc'}", List.of("data[a]: Invalid value: \"<secret contents redacted>\": illegal base64 data at input byte 0")),
                Arguments.of("data: {a: 'ab$d'}", List.of("data[a]: Invalid value: \"<secret contents redacted>\": illegal base64 data at input byte 2")),
                Arguments.of("data: {'a b': eA==}", List.of("data[a b]: Invalid value: \"a b\": a valid config key must consist of alphanumeric "
                        + "characters, '-', '_' or '.' (e.g. 'key.name',  or 'KEY_NAME',  or 'key-name', regex used for validation is "
                        + "'[-._a-zA-Z0-9]+')")),
                Arguments.of("stringData: {'a b': x}", List.of("data[a b]: Invalid value: \"a b\": a valid config key must consist of "
                        + "alphanumeric characters, '-', '_' or '.' (e.g. 'key.name',  or 'KEY_NAME',  or 'key-name', regex used for "
                        + "validation is '[-._a-zA-Z0-9]+')")),
                Arguments.of("type: kubernetes.io/tls", List.of("data[tls.crt]: Required value", "data[tls.key]: Required value")),
                Arguments.of("type: kubernetes.io/tls\nstringData: {tls.crt: c, tls.key: k}", List.of()),
                Arguments.of("type: kubernetes.io/dockerconfigjson", List.of("data[.dockerconfigjson]: Required value")),
                Arguments.of("type: kubernetes.io/dockerconfigjson\nstringData: {.dockerconfigjson: '{\"auths\":{}}'}", List.of()),
                Arguments.of("type: kubernetes.io/basic-auth", List.of("data[username]: Required value", "data[password]: Required value")),
                Arguments.of("type: kubernetes.io/basic-auth\nstringData: {password: p}", List.of()),
                Arguments.of("type: kubernetes.io/ssh-auth", List.of("data[ssh-privatekey]: Required value")),
                Arguments.of("type: kubernetes.io/service-account-token",
                        List.of("metadata.annotations[kubernetes.io/service-account.name]: Required value")),
                Arguments.of("type: example.com/custom", List.of()));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("cases")
    void validation(String body, List<String> expected) {
        assertThat(render(Validator.forCreate(SECRET, defaulted(META + body)))).containsExactlyElementsOf(expected);
    }

    @Test
    void serviceAccountTokenWithAnnotationIsValid() {
        ObjectNode s = defaulted("metadata: {name: t, namespace: d, annotations: {kubernetes.io/service-account.name: default}}\n"
                + "type: kubernetes.io/service-account-token");
        assertThat(Validator.forCreate(SECRET, s)).isEmpty();
    }

    @ParameterizedTest(name = "[{index}] {0} decoded bytes")
    @CsvSource({"1048576, true", "1048577, false"})
    void oneMebibyteLimit(int bytes, boolean valid) {
        ObjectNode s = defaulted(META);
        s.putObject("data").put("big", Base64.getEncoder().encodeToString(new byte[bytes]));
        List<String> errs = render(Validator.forCreate(SECRET, s));
        if (valid) assertThat(errs).isEmpty();
        else assertThat(errs).containsExactly("data: Too long: may not be more than 1048576 bytes");
    }

    @Test
    void typeIsImmutable() {
        ObjectNode old = defaulted(META);
        ObjectNode neu = defaulted(META + "type: example.com/other");
        assertThat(render(Validator.forUpdate(SECRET, old, neu))).containsExactly("type: Invalid value: \"example.com/other\": field is immutable");
    }

    @Test
    void immutableSecret() {
        ObjectNode old = defaulted(META + "immutable: true\nstringData: {a: b}");
        assertThat(Validator.forUpdate(SECRET, old, defaulted(META + "immutable: true\nstringData: {a: b}"))).isEmpty();
        assertThat(render(Validator.forUpdate(SECRET, old, defaulted(META + "immutable: true\nstringData: {a: c}"))))
                .containsExactly("data: Forbidden: field is immutable when `immutable` is set");
        assertThat(render(Validator.forUpdate(SECRET, old, defaulted(META + "immutable: false\nstringData: {a: b}"))))
                .containsExactly("immutable: Forbidden: field is immutable when `immutable` is set");
    }

    static String b64(String s) {
        return Base64.getEncoder().encodeToString(s.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
}
