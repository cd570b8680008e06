package dev.podium.model.validation;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.podium.model.api.Cause;
import dev.podium.model.kinds.KindRegistry;
import dev.podium.model.kinds.ResourceKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.stream.Stream;

import static dev.podium.model.validation.Fixtures.render;
import static dev.podium.model.validation.Fixtures.yaml;
import static org.assertj.core.api.Assertions.assertThat;

class ObjectMetaValidationTest {
    static final ResourceKind CM = KindRegistry.get("ConfigMap");
    static final ResourceKind NS = KindRegistry.get("Namespace");
    static final ResourceKind SVC = KindRegistry.get("Service");
    static final ResourceKind EVENT = KindRegistry.get("Event");

    static Stream<Arguments> createCases() {
        return Stream.of(
                Arguments.of(CM, "metadata: {name: ok, namespace: default}", List.of()),
                Arguments.of(CM, "metadata: {namespace: default}",
                        List.of("metadata.name: Required value: name or generateName is required")),
                Arguments.of(CM, "metadata: {name: Bad_Name, namespace: default}",
                        List.of("metadata.name: Invalid value: \"Bad_Name\": " + NameValidationTest.SUBDOMAIN_MSG)),
                Arguments.of(CM, "metadata: {name: a.b}", List.of("metadata.namespace: Required value")),
                Arguments.of(NS, "metadata: {name: a.b}", List.of("metadata.name: Invalid value: \"a.b\": must not contain dots")),
                Arguments.of(NS, "metadata: {name: ns, namespace: default}", List.of("metadata.namespace: Forbidden: not allowed on this type")),
                Arguments.of(SVC, "metadata: {name: 1svc, namespace: default}",
                        List.of("metadata.name: Invalid value: \"1svc\": " + NameValidationTest.DNS1035_MSG)),
                Arguments.of(EVENT, "metadata: {name: Pod.ABC_123, namespace: default}", List.of()),
                Arguments.of(EVENT, "metadata: {name: a/b, namespace: default}", List.of("metadata.name: Invalid value: \"a/b\": may not contain '/'")),
                Arguments.of(CM, "metadata: {generateName: web-, name: web-x1, namespace: default}", List.of()),
                Arguments.of(CM, "metadata: {generateName: Web-, name: web-x1, namespace: default}",
                        List.of("metadata.generateName: Invalid value: \"Web-\": " + NameValidationTest.SUBDOMAIN_MSG)),
                Arguments.of(CM, "metadata: {name: a, namespace: Bad}",
                        List.of("metadata.namespace: Invalid value: \"Bad\": " + NameValidationTest.LABEL_MSG)),
                Arguments.of(CM, "metadata: {name: a, namespace: d, labels: {'bad key': v}}",
                        List.of("metadata.labels: Invalid value: \"bad key\": " + NameValidationTest.QUALIFIED_NAME_PART)),
                Arguments.of(CM, "metadata: {name: a, namespace: d, labels: {k: 'bad value'}}",
                        List.of("metadata.labels: Invalid value: \"bad value\": " + NameValidationTest.LABEL_VALUE_MSG)),
                Arguments.of(CM, "metadata: {name: a, namespace: d, annotations: {'-x': v}}",
                        List.of("metadata.annotations: Invalid value: \"-x\": " + NameValidationTest.QUALIFIED_NAME_PART)),
                Arguments.of(CM, "metadata: {name: a, namespace: d, finalizers: [example.com/f, kubernetes, foregroundDeletion]}", List.of()),
                Arguments.of(CM, "metadata: {name: a, namespace: d, finalizers: [custom]}",
                        List.of("metadata.finalizers: Invalid value: \"custom\": name is neither a standard finalizer name nor is it fully qualified")),
                Arguments.of(CM, "metadata: {name: a, namespace: d, ownerReferences: [{apiVersion: v1, kind: Pod, name: p, uid: u}]}", List.of()),
                Arguments.of(CM, "metadata: {name: a, namespace: d, ownerReferences: [{apiVersion: apps/, name: p}]}",
                        List.of("metadata.ownerReferences.apiVersion: Invalid value: \"apps/\": version must not be empty",
                                "metadata.ownerReferences.kind: Invalid value: \"\": kind must not be empty",
                                "metadata.ownerReferences.uid: Invalid value: \"\": uid must not be empty")));
    }

    @ParameterizedTest
    @MethodSource("createCases")
    void create(ResourceKind kind, String yaml, List<String> expected) {
        assertThat(render(ObjectMetaValidation.validateCreate(kind, yaml(yaml)))).containsExactlyElementsOf(expected);
    }

    @Test
    void annotationsOverTheSizeLimit() {
        ObjectNode cm = yaml("metadata: {name: a, namespace: d}");
        cm.with("metadata").putObject("annotations").put("k", "x".repeat(256 * 1024));
        List<Cause> causes = ObjectMetaValidation.validateCreate(CM, cm);
        assertThat(render(causes)).containsExactly("metadata.annotations: Too long: may not be more than 262144 bytes");
        assertThat(causes.get(0).reason()).isEqualTo("FieldValueTooLong");
    }

    static Stream<Arguments> updateCases() {
        String base = "metadata: {name: a, namespace: d, uid: u1, creationTimestamp: '2024-01-01T00:00:00Z'}";
        return Stream.of(
                Arguments.of(base, base, List.of()),
                Arguments.of(base, "metadata: {name: a, namespace: d}", List.of()),
                Arguments.of(base, "metadata: {name: b, namespace: d, uid: u1}",
                        List.of("metadata.name: Invalid value: \"b\": field is immutable")),
                Arguments.of(base, "metadata: {name: a, namespace: e, uid: u1}",
                        List.of("metadata.namespace: Invalid value: \"e\": field is immutable")),
                Arguments.of(base, "metadata: {name: a, namespace: d, uid: u2}",
                        List.of("metadata.uid: Invalid value: \"u2\": field is immutable")),
                Arguments.of(base, "metadata: {name: a, namespace: d, creationTimestamp: '2025-01-01T00:00:00Z'}",
                        List.of("metadata.creationTimestamp: Invalid value: \"2025-01-01T00:00:00Z\": field is immutable")),
                Arguments.of("metadata: {name: a, namespace: d, deletionTimestamp: '2024-01-01T00:00:00Z', finalizers: [a.io/x]}",
                        "metadata: {name: a, namespace: d, deletionTimestamp: '2024-01-01T00:00:00Z', finalizers: [a.io/x, b.io/y]}",
                        List.of("metadata.finalizers: Forbidden: no new finalizers can be added if the object is being deleted, "
                                + "found new finalizers []string{\"b.io/y\"}")),
                Arguments.of(base, "metadata: {name: a, namespace: d, labels: {k: 'bad value'}}",
                        List.of("metadata.labels: Invalid value: \"bad value\": " + NameValidationTest.LABEL_VALUE_MSG)));
    }

    @ParameterizedTest
    @MethodSource("updateCases")
    void update(String oldYaml, String newYaml, List<String> expected) {
        assertThat(render(ObjectMetaValidation.validateUpdate(CM, yaml(oldYaml), yaml(newYaml)))).containsExactlyElementsOf(expected);
    }
}
