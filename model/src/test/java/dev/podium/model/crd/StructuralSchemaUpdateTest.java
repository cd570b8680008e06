package dev.podium.model.crd;

import com.fasterxml.jackson.databind.JsonNode;
import dev.podium.model.api.Cause;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static dev.podium.model.crd.SchemaFixtures.object;
import static dev.podium.model.crd.SchemaFixtures.render;
import static dev.podium.model.crd.SchemaFixtures.yaml;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/** Updates: ratcheting of unchanged values, and what x-kubernetes-validations rules are handed. */
class StructuralSchemaUpdateTest {
    static final String SCHEMA = """
            type: object
            properties:
              spec:
                type: object
                properties:
                  name: {type: string, maxLength: 3}
                  replicas: {type: integer, minimum: 1}
                  ports:
                    type: array
                    x-kubernetes-list-type: map
                    x-kubernetes-list-map-keys: [name]
                    items:
                      type: object
                      properties: {name: {type: string}, port: {type: integer, maximum: 100}}
                      x-kubernetes-validations: [{rule: self.port >= oldSelf.port}]
                x-kubernetes-validations: [{rule: self.replicas >= 1}]
            """;
    static final StructuralSchema PLAIN = new StructuralSchema(yaml(SCHEMA.replace("x-kubernetes-validations", "x-unused")), null);

    static Stream<Arguments> ratcheting() {
        return Stream.of(
                arguments("unchanged invalid value", "{name: toolong, replicas: 0}", "{name: toolong, replicas: 2}", List.of(
                        "FieldValueInvalid spec.replicas: Invalid value: 0: spec.replicas in body should be greater than or equal to 1")),
                arguments("changed invalid value", "{name: toolong2}", "{name: toolong}", List.of(
                        "FieldValueTooLong spec.name: Too long: may not be more than 3 bytes")),
                arguments("map list items correlate by key", "{ports: [{name: b, port: 200}, {name: a, port: 300}]}",
                        "{ports: [{name: a, port: 300}, {name: b, port: 201}]}", List.of(
                        "FieldValueInvalid spec.ports[0].port: Invalid value: 200: spec.ports[0].port in body should be less than or equal to 100")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("ratcheting")
    void unchangedValuesKeepTheirErrorsQuiet(String name, String newSpec, String oldSpec, List<String> expected) {
        List<Cause> errs = PLAIN.validate(object("spec: " + newSpec), object("spec: " + oldSpec));
        assertThat(render(errs)).containsExactlyElementsOf(expected);
    }

    @Test
    void createReportsEverything() {
        assertThat(render(PLAIN.validate(object("spec: {name: toolong, replicas: 0}"), null))).hasSize(2);
    }

    @Test
    void rulesGetSelfOldSelfAndTheFieldPath() {
        List<String> calls = new ArrayList<>();
        StructuralSchema schema = new StructuralSchema(yaml(SCHEMA), (rules, self, oldSelf, path) -> {
            calls.add(path + " " + rules.get(0).get("rule").asText() + " self=" + self + " old=" + oldSelf);
            return path.equals("spec.ports[1]") ? List.of(new Cause("FieldValueInvalid", path, "Invalid value: \"object\": failed")) : List.of();
        });
        JsonNode old = object("spec: {replicas: 2, ports: [{name: a, port: 1}]}");
        List<Cause> errs = schema.validate(object("spec: {replicas: 2, ports: [{name: b, port: 5}, {name: a, port: 2}]}"), old);
        assertThat(calls).containsExactly(
                "spec self.replicas >= 1 self={\"replicas\":2,\"ports\":[{\"name\":\"b\",\"port\":5},{\"name\":\"a\",\"port\":2}]}"
                        + " old={\"replicas\":2,\"ports\":[{\"name\":\"a\",\"port\":1}]}",
                "spec.ports[0] self.port >= oldSelf.port self={\"name\":\"b\",\"port\":5} old=null",
                "spec.ports[1] self.port >= oldSelf.port self={\"name\":\"a\",\"port\":2} old={\"name\":\"a\",\"port\":1}");
        assertThat(render(errs)).containsExactly("FieldValueInvalid spec.ports[1]: Invalid value: \"object\": failed");
    }

    @Test
    void schemaErrorsThatBlockRulesAreReportedInsteadOfRunningThem() {
        List<String> calls = new ArrayList<>();
        StructuralSchema schema = new StructuralSchema(yaml(SCHEMA), (rules, self, oldSelf, path) -> {
            calls.add(path);
            return List.of();
        });
        assertThat(render(schema.validate(object("spec: {name: toolong}"), null))).containsExactly(
                "FieldValueTooLong spec.name: Too long: may not be more than 3 bytes",
                "FieldValueInvalid <nil>: Invalid value: \"null\": some validation rules were not checked because the object was invalid;"
                        + " correct the existing errors to complete validation");
        assertThat(calls).isEmpty();
    }
}
