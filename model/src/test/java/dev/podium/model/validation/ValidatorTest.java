package dev.podium.model.validation;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.podium.model.api.ApiException;
import dev.podium.model.kinds.KindRegistry;
import dev.podium.model.kinds.ResourceKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static dev.podium.model.validation.Fixtures.yaml;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ValidatorTest {

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', value = {
            "Namespace      | {metadata: {name: prod}}",
            "ConfigMap      | {metadata: {name: cm, namespace: d}, data: {k: v}}",
            "Secret         | {metadata: {name: s, namespace: d}, stringData: {k: v}}",
            "Pod            | {metadata: {name: p, namespace: d}, spec: {containers: [{name: c, image: nginx}]}}",
            "Node           | {metadata: {name: n1}}",
            "Event          | {metadata: {name: e, namespace: d}, involvedObject: {kind: Pod, name: p, namespace: d}}",
            "Service        | {metadata: {name: svc, namespace: d}, spec: {ports: [{port: 80}]}}",
            "ServiceAccount | {metadata: {name: sa, namespace: d}}",
    })
    void minimalObjectsAreValidAfterDefaulting(String kind, String yaml) {
        ResourceKind k = KindRegistry.get(kind);
        ObjectNode obj = yaml(yaml);
        Defaulter.apply(k, obj);
        assertThat(Validator.forCreate(k, obj)).isEmpty();
        ObjectNode again = obj.deepCopy();
        Defaulter.applyForUpdate(k, obj, again);
        assertThat(Validator.forUpdate(k, obj, again)).isEmpty();
    }

    @Test
    void requireValidThrowsKubesInvalidStatus() {
        ResourceKind cm = KindRegistry.get("ConfigMap");
        assertThatThrownBy(() -> Validator.requireValidCreate(cm, yaml("{metadata: {name: Bad, namespace: d}, data: {'a b': x}}")))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.error().code()).isEqualTo(422);
                    assertThat(e.error().reason()).isEqualTo("Invalid");
                    assertThat(e.error().details().kind()).isEqualTo("ConfigMap");
                    assertThat(e.error().details().causes()).hasSize(2);
                    assertThat(e.error().message()).startsWith("The ConfigMap \"Bad\" is invalid: [metadata.name: Invalid value: \"Bad\": ");
                });
    }

    @Test
    void carryOverKeepsSystemFields() {
        ObjectNode old = yaml("{metadata: {name: a, uid: u1, creationTimestamp: '2024-01-01T00:00:00Z', deletionTimestamp: '2024-02-01T00:00:00Z'}}");
        ObjectNode neu = yaml("{metadata: {name: a, creationTimestamp: '1999-01-01T00:00:00Z'}}");
        Defaulter.carryOverSystemFields(old, neu);
        assertThat(neu.get("metadata")).isEqualTo(old.get("metadata"));
        ObjectNode otherUid = yaml("{metadata: {name: a, uid: u2}}");
        Defaulter.carryOverSystemFields(old, otherUid);
        assertThat(otherUid.at("/metadata/uid").asText()).isEqualTo("u2");
    }
}
