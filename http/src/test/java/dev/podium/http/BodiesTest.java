package dev.podium.http;

import dev.podium.model.api.ApiException;
import dev.podium.model.kinds.KindRegistry;
import org.apache.pekko.http.javadsl.model.ContentTypes;
import org.apache.pekko.http.javadsl.model.HttpMethods;
import org.apache.pekko.http.javadsl.model.HttpRequest;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BodiesTest {
    static ApiRequest post(String body) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        return new ApiRequest(HttpRequest.create("/api/v1/namespaces/default/pods").withMethod(HttpMethods.POST)
                .withEntity(ContentTypes.APPLICATION_JSON, bytes),
                new ApiPath("", "v1", "default", "pods", null, null), KindRegistry.get("Pod"), Map.of(), bytes);
    }

    @Test
    void malformedJsonIsRefusedInKubesWords() {
        assertThatThrownBy(() -> Bodies.object(post("{\"metadata\":{\"name\":\"web\"},}")))
                .isInstanceOf(ApiException.class)
                .hasMessage("the object provided is unrecognized (must be of type Pod): couldn't get version/kind; json parse error: "
                        + "invalid character '}' looking for beginning of object key string ({\"metadata\":{\"name\":\"web\"},})");
        assertThatThrownBy(() -> Bodies.object(post("")))
                .hasMessage("the object provided is unrecognized (must be of type Pod): couldn't get version/kind; json parse error: "
                        + "unexpected end of JSON input (<empty>)");
    }

    @Test
    void summariesAreKubes() {
        assertThat(Bodies.summary("{\"a\":1}".getBytes(StandardCharsets.UTF_8))).isEqualTo("{\"a\":1}");
        assertThat(Bodies.summary("[1]".getBytes(StandardCharsets.UTF_8))).isEqualTo("5b315d");
    }
}
