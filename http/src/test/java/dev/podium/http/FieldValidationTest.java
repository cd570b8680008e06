package dev.podium.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.podium.model.api.ApiException;
import dev.podium.model.json.Json;
import dev.podium.model.kinds.KindRegistry;
import dev.podium.model.kinds.ResourceKind;
import org.apache.pekko.http.javadsl.model.HttpMethod;
import org.apache.pekko.http.javadsl.model.HttpMethods;
import org.apache.pekko.http.javadsl.model.HttpRequest;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FieldValidationTest {
    static final ResourceKind CONFIGMAP = KindRegistry.get("ConfigMap");

    static ApiRequest request(HttpMethod method, String mode) {
        return new ApiRequest(HttpRequest.create("/api/v1/namespaces/default/configmaps/a").withMethod(method),
                new ApiPath("", "v1", "default", "configmaps", "a", null), CONFIGMAP, Map.of("fieldValidation", mode), new byte[0]);
    }

    static ObjectNode body() {
        return Json.parseObject("{\"metadata\":{\"name\":\"a\"},\"dataa\":{\"k\":\"v\"}}".getBytes(StandardCharsets.UTF_8), false);
    }

    @Test
    void aStrictCreateOrUpdateIsRefusedAsKubeRefusesTheBody() {
        for (HttpMethod method : new HttpMethod[] {HttpMethods.POST, HttpMethods.PUT}) {
            assertThatThrownBy(() -> FieldValidation.apply(request(method, "Strict"), CONFIGMAP, body()))
                    .isInstanceOf(ApiException.class)
                    .hasMessage("ConfigMap in version \"v1\" cannot be handled as a ConfigMap: strict decoding error: unknown field \"dataa\"");
        }
    }

    @Test
    void aStrictPatchKeepsTheBareStrictDecodingError() {
        assertThatThrownBy(() -> FieldValidation.apply(request(HttpMethods.PATCH, "Strict"), CONFIGMAP, body()))
                .isInstanceOf(ApiException.class)
                .hasMessage("strict decoding error: unknown field \"dataa\"");
    }

    @Test
    void warnDropsTheFieldAndWarns() {
        ObjectNode obj = body();
        assertThat(FieldValidation.apply(request(HttpMethods.POST, "Warn"), CONFIGMAP, obj)).containsExactly("unknown field \"dataa\"");
        assertThat(obj.has("dataa")).isFalse();
    }
}
