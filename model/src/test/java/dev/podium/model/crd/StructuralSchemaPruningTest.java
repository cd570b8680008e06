package dev.podium.model.crd;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.stream.Stream;

import static dev.podium.model.crd.SchemaFixtures.object;
import static dev.podium.model.crd.SchemaFixtures.schema;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/** Pruning: what is dropped and reported, and what is kept. */
class StructuralSchemaPruningTest {
    static final StructuralSchema SCHEMA = schema("""
            type: object
            properties:
              spec:
                type: object
                properties:
                  name: {type: string}
                  items: {type: array, items: {type: object, properties: {a: {type: string}}}}
                  labels: {type: object, additionalProperties: {type: object, properties: {v: {type: string}}}}
                  free:
                    type: object
                    x-kubernetes-preserve-unknown-fields: true
                    properties: {known: {type: object, properties: {k: {type: string}}}}
                  template:
                    type: object
                    x-kubernetes-embedded-resource: true
                    properties: {spec: {type: object, properties: {x: {type: string}}}}
                  count: {type: integer}
                  size: {type: integer, default: 3}
              status: {type: object, x-kubernetes-preserve-unknown-fields: true}
            """);

    static Stream<Arguments> cases() {
        return Stream.of(
                arguments("known fields and root metadata stay", "{apiVersion: a/v1, kind: K, metadata: {name: n, junk: 1}, spec: {name: x}}",
                        "{apiVersion: a/v1, kind: K, metadata: {name: n, junk: 1}, spec: {name: x}}", List.of()),
                arguments("unknown fields are dropped, reported sorted",
                        "{spec: {name: x, zeta: 1, alpha: {b: 1}}, extra: true}",
                        "{spec: {name: x}}", List.of("extra", "spec.alpha", "spec.zeta")),
                arguments("inside array items and map values",
                        "{spec: {items: [{a: x, b: 1}, {c: 2}], labels: {app: {v: x, w: y}}}}",
                        "{spec: {items: [{a: x}, {}], labels: {app: {v: x}}}}",
                        List.of("spec.items[0].b", "spec.items[1].c", "spec.labels.app.w")),
                arguments("preserve-unknown-fields keeps unknown fields, not unknown fields of known ones",
                        "{spec: {free: {any: {thing: 1}, known: {k: a, z: b}}}, status: {whatever: [1]}}",
                        "{spec: {free: {any: {thing: 1}, known: {k: a}}}, status: {whatever: [1]}}", List.of("spec.free.known.z")),
                arguments("an embedded resource keeps apiVersion, kind and metadata",
                        "{spec: {template: {apiVersion: v1, kind: Pod, metadata: {name: p}, spec: {x: a, y: b}, other: 1}}}",
                        "{spec: {template: {apiVersion: v1, kind: Pod, metadata: {name: p}, spec: {x: a}}}}",
                        List.of("spec.template.other", "spec.template.spec.y")),
                arguments("nulls neither nullable nor defaulted go, silently",
                        "{spec: {name: null, size: null, count: null}}", "{spec: {size: null}}", List.of()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void prune(String name, String before, String after, List<String> unknown) {
        ObjectNode obj = object(before);
        assertThat(SCHEMA.prune(obj)).containsExactlyElementsOf(unknown);
        assertThat(obj).isEqualTo(object(after));
    }
}
