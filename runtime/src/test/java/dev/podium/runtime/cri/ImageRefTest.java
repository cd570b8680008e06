package dev.podium.runtime.cri;

import dev.podium.model.json.Json;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ImageRefTest {
    @Test
    void referencesAreNormalizedAsDockerAndContainerdDo() {
        assertThat(ImageRef.parse("busybox").normalized()).isEqualTo("docker.io/library/busybox:latest");
        assertThat(ImageRef.parse("busybox:1.36").normalized()).isEqualTo("docker.io/library/busybox:1.36");
        assertThat(ImageRef.parse("bitnami/nginx:1").normalized()).isEqualTo("docker.io/bitnami/nginx:1");
        assertThat(ImageRef.parse("localhost:5000/app").normalized()).isEqualTo("localhost:5000/app:latest");
        assertThat(ImageRef.parse("localhost/podium/pause:1").normalized()).isEqualTo("localhost/podium/pause:1");
        assertThat(ImageRef.parse("registry.example.com/a/b@sha256:abc").normalized()).isEqualTo("registry.example.com/a/b@sha256:abc");
        assertThatThrownBy(() -> ImageRef.parse(" ")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void thePullPolicyDefaultsToAlwaysForLatestAndIfNotPresentOtherwise() {
        assertThat(ImageRef.pullPolicy(Json.object().put("image", "busybox"))).isEqualTo("Always");
        assertThat(ImageRef.pullPolicy(Json.object().put("image", "busybox:latest"))).isEqualTo("Always");
        assertThat(ImageRef.pullPolicy(Json.object().put("image", "busybox:1.36"))).isEqualTo("IfNotPresent");
        assertThat(ImageRef.pullPolicy(Json.object().put("image", "busybox@sha256:abc"))).isEqualTo("IfNotPresent");
        assertThat(ImageRef.pullPolicy(Json.object().put("image", "busybox").put("imagePullPolicy", "Never"))).isEqualTo("Never");
    }
}
