package dev.podium.model.validation;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.math.BigDecimal;

import static dev.podium.model.validation.Fixtures.render;
import static dev.podium.model.validation.Fixtures.yaml;
import static org.assertj.core.api.Assertions.assertThat;

/** Base64 values, resource quantities, semantic equality and embedded label selectors. */
class ValueFormatsTest {

    @ParameterizedTest(name = "[{index}] \"{0}\"")
    @CsvSource(delimiter = '|', value = {
            "''           | -1",
            "aGVsbG8=     | -1",
            "aGVsbG8h     | -1",
            "aGk=         | -1",
            "aA==         | -1",
            "'aGVs\nbG8=' | -1",
            "abc          | 0",
            "aGVsbG8      | 4",
            "ab$d         | 2",
            "a===         | 1",
            "aGk=x        | 4",
            "'aGk= '      | 4",
    })
    void base64Offsets(String value, int offset) {
        String error = Base64Data.error(value.replace("\\n", "\n"));
        if (offset < 0) assertThat(error).isNull();
        else assertThat(error).isEqualTo("illegal base64 data at input byte " + offset);
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource({
            "1, 1", "100m, 0.1", "0.5, 0.5", "1Ki, 1024", "1Mi, 1048576", "2Gi, 2147483648", "1k, 1000", "1M, 1000000",
            "1e3, 1000", "1E-3, 0.001", "-1, -1", "+2, 2", "1.5Gi, 1610612736", ".5, 0.5", "5., 5", "10n, 0.00000001",
    })
    void quantities(String text, String value) {
        assertThat(Quantities.parse(text)).isEqualByComparingTo(new BigDecimal(value));
    }

    @ParameterizedTest(name = "[{index}] \"{0}\"")
    @CsvSource(delimiter = '|', value = {"lots", "1KB", "1 Gi", "''", "Gi", "1.2.3", "1e", "--1", "1ki"})
    void badQuantities(String text) {
        assertThat(Quantities.parse(text)).isNull();
    }

    @Test
    void semanticEqualityIgnoresEmptinessAndNumberTypes() {
        assertThat(JsonCompare.semanticEquals(yaml("{a: 1, b: [], c: {}, d: null}"), yaml("{a: 1.0}"))).isTrue();
        assertThat(JsonCompare.semanticEquals(yaml("{a: [1, 2]}"), yaml("{a: [2, 1]}"))).isFalse();
        assertThat(JsonCompare.semanticEquals(yaml("{a: {b: x}}"), yaml("{a: {b: y}}"))).isFalse();
        assertThat(JsonCompare.diff("", yaml("{a: {b: x}, c: 1}"), yaml("{a: {b: y}, c: 1}")))
                .containsExactly("- a.b: \"x\"", "+ a.b: \"y\"");
    }

    @Test
    void embeddedLabelSelectors() {
        assertThat(LabelSelectorValidation.validate(yaml("s: {matchLabels: {app: web}, matchExpressions: [{key: t, operator: In, values: [a]}]}").get("s"), "spec.selector")).isEmpty();
        assertThat(render(LabelSelectorValidation.validate(yaml("""
                s:
                  matchExpressions:
                  - {key: t, operator: In}
                  - {key: t, operator: Exists, values: [a]}
                  - {key: t, operator: Equals, values: ['b c']}
                """).get("s"), "spec.selector"))).containsExactly(
                "spec.selector.matchExpressions[0].values: Required value: must be specified when `operator` is 'In' or 'NotIn'",
                "spec.selector.matchExpressions[1].values: Forbidden: may not be specified when `operator` is 'Exists' or 'DoesNotExist'",
                "spec.selector.matchExpressions[2].operator: Invalid value: \"Equals\": not a valid selector operator",
                "spec.selector.matchExpressions[2].values[0]: Invalid value: \"b c\": " + NameValidationTest.LABEL_VALUE_MSG);
    }
}
