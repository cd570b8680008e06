package dev.podium.model.crd;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.stream.Stream;

import static dev.podium.model.crd.SchemaFixtures.object;
import static dev.podium.model.crd.SchemaFixtures.render;
import static dev.podium.model.crd.SchemaFixtures.spec;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/** minimum, maximum, their exclusive forms and multipleOf. */
class StructuralSchemaNumberTest {
    static final StructuralSchema SCHEMA = spec("""
            type: object
            properties:
              replicas: {type: integer, minimum: 1, maximum: 10}
              open: {type: integer, minimum: 1, exclusiveMinimum: true, maximum: 10, exclusiveMaximum: true}
              step: {type: integer, multipleOf: 5}
              ratio: {type: number, minimum: 1, maximum: 1000000}
              tenth: {type: number, multipleOf: 0.1}
              half: {type: integer, minimum: 1.5}
            """);

    static Stream<Arguments> cases() {
        return Stream.of(
                arguments("valid", "{replicas: 1, open: 5, step: 15, ratio: 1.5, tenth: 0.3}", List.of()),
                arguments("below minimum", "{replicas: 0}", List.of(
                        "FieldValueInvalid spec.replicas: Invalid value: 0: spec.replicas in body should be greater than or equal to 1")),
                arguments("above maximum", "{replicas: 11}", List.of(
                        "FieldValueInvalid spec.replicas: Invalid value: 11: spec.replicas in body should be less than or equal to 10")),
                arguments("exclusive minimum", "{open: 1}", List.of(
                        "FieldValueInvalid spec.open: Invalid value: 1: spec.open in body should be greater than 1")),
                arguments("exclusive maximum", "{open: 10}", List.of(
                        "FieldValueInvalid spec.open: Invalid value: 10: spec.open in body should be less than 10")),
                arguments("multipleOf", "{step: 7}", List.of(
                        "FieldValueInvalid spec.step: Invalid value: 7: spec.step in body should be a multiple of 5")),
                arguments("float below minimum", "{ratio: 0.5}", List.of(
                        "FieldValueInvalid spec.ratio: Invalid value: 0.5: spec.ratio in body should be greater than or equal to 1")),
                arguments("Go prints large floats with an exponent", "{ratio: 2000000.5}", List.of(
                        "FieldValueInvalid spec.ratio: Invalid value: 2.0000005e+06: spec.ratio in body should be less than or equal to 1e+06")),
                arguments("float multipleOf", "{tenth: 0.25}", List.of(
                        "FieldValueInvalid spec.tenth: Invalid value: 0.25: spec.tenth in body should be a multiple of 0.1")),
                arguments("an integer meets the bound truncated to an integer", "{half: 1}", List.of()),
                arguments("a float for an integer is checked as a float", "{half: 1.0}", List.of(
                        "FieldValueInvalid spec.half: Invalid value: 1: spec.half in body should be greater than or equal to 1.5")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void numbers(String name, String specYaml, List<String> expected) {
        assertThat(render(SCHEMA.validate(object("spec: " + specYaml), null))).containsExactlyElementsOf(expected);
    }
}
