package dev.podium.model.meta;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.podium.model.api.ApiException;
import dev.podium.model.json.Json;
import dev.podium.model.kinds.KindRegistry;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RequestNamespaceTest {
    static ObjectNode json(String s) {
        return Json.parseObject(s.replace('\'', '"').getBytes(StandardCharsets.UTF_8), false);
    }

    @Test
    void anObjectWithoutANamespaceTakesTheRequestsOne() {
        ObjectNode cm = json("{'metadata':{'name':'a'}}");
        RequestNamespace.ensure(KindRegistry.get("ConfigMap"), cm, "team");
        assertThat(cm.at("/metadata/namespace").asText()).isEqualTo("team");
    }

    @Test
    void theSameNamespaceIsKept() {
        ObjectNode cm = json("{'metadata':{'name':'a','namespace':'team'}}");
        RequestNamespace.ensure(KindRegistry.get("ConfigMap"), cm, "team");
        assertThat(cm.at("/metadata/namespace").asText()).isEqualTo("team");
    }

    @Test
    void anotherNamespaceIsKubesBadRequest() {
        ObjectNode cm = json("{'metadata':{'name':'a','namespace':'other'}}");
        assertThatThrownBy(() -> RequestNamespace.ensure(KindRegistry.get("ConfigMap"), cm, "team"))
                .isInstanceOf(ApiException.class)
                .satisfies(e -> assertThat(((ApiException) e).error().code()).isEqualTo(400))
                .hasMessage("the namespace of the provided object does not match the namespace sent on the request");
        assertThatThrownBy(() -> RequestNamespace.check(KindRegistry.get("ConfigMap"), cm, "team")).isInstanceOf(ApiException.class);
    }

    @Test
    void aClusterScopedObjectLosesAnyNamespace() {
        ObjectNode node = json("{'metadata':{'name':'n1','namespace':'whatever'}}");
        RequestNamespace.check(KindRegistry.get("Node"), node, null);
        RequestNamespace.ensure(KindRegistry.get("Node"), node, null);
        assertThat(node.at("/metadata").has("namespace")).isFalse();
    }

    @Test
    void checkLeavesTheObjectAlone() {
        ObjectNode cm = json("{'metadata':{'name':'a'}}");
        RequestNamespace.check(KindRegistry.get("ConfigMap"), cm, "team");
        assertThat(cm.at("/metadata").has("namespace")).isFalse();
    }
}
