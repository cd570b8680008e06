package dev.podium.model.crd;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.stream.Stream;

import static dev.podium.model.crd.SchemaFixtures.object;
import static dev.podium.model.crd.SchemaFixtures.spec;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/** Defaulting: absent fields, nested objects, array items, map values, nulls, and defaults of defaults. */
class StructuralSchemaDefaultsTest {
    static final StructuralSchema SCHEMA = spec("""
            type: object
            default: {}
            properties:
              replicas: {type: integer, default: 1}
              mode: {type: string, default: fast}
              nullableMode: {type: string, nullable: true, default: slow}
              strategy:
                type: object
                default: {type: Rolling, unknown: dropped}
                properties:
                  type: {type: string}
                  maxSurge: {type: integer, default: 25}
              containers:
                type: array
                items:
                  type: object
                  default: {name: main}
                  properties:
                    name: {type: string}
                    pullPolicy: {type: string, default: IfNotPresent}
              limits:
                type: object
                additionalProperties:
                  type: object
                  default: {cpu: '1'}
                  properties:
                    cpu: {type: string}
                    unit: {type: string, default: cores}
            """);

    static Stream<Arguments> cases() {
        return Stream.of(
                arguments("absent spec is defaulted, and its default too", "{}",
                        "{spec: {replicas: 1, mode: fast, nullableMode: slow, strategy: {type: Rolling, maxSurge: 25}}}"),
                arguments("present values are kept", "{spec: {replicas: 3, mode: slow, strategy: {type: Recreate, maxSurge: 0}}}",
                        "{spec: {replicas: 3, mode: slow, strategy: {type: Recreate, maxSurge: 0}, nullableMode: slow}}"),
                arguments("null without nullable takes the default", "{spec: {replicas: null, nullableMode: null}}",
                        "{spec: {replicas: 1, nullableMode: null, mode: fast, strategy: {type: Rolling, maxSurge: 25}}}"),
                arguments("array items", "{spec: {containers: [{name: a}, {name: b, pullPolicy: Always}]}}",
                        "{spec: {containers: [{name: a, pullPolicy: IfNotPresent}, {name: b, pullPolicy: Always}],"
                                + " replicas: 1, mode: fast, nullableMode: slow, strategy: {type: Rolling, maxSurge: 25}}}"),
                arguments("a null item takes the items default, not defaulted further", "{spec: {containers: [null]}}",
                        "{spec: {containers: [{name: main}], replicas: 1, mode: fast, nullableMode: slow,"
                                + " strategy: {type: Rolling, maxSurge: 25}}}"),
                arguments("map values", "{spec: {limits: {a: {cpu: '2'}, b: null}}}",
                        "{spec: {limits: {a: {cpu: '2', unit: cores}, b: {cpu: '1'}}, replicas: 1, mode: fast, nullableMode: slow,"
                                + " strategy: {type: Rolling, maxSurge: 25}}}"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void defaults(String name, String before, String after) {
        ObjectNode obj = object(before);
        SCHEMA.applyDefaults(obj);
        assertThat(obj).isEqualTo(object(after));
    }
}
