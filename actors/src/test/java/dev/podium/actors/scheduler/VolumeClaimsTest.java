package dev.podium.actors.scheduler;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.podium.model.json.Json;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Whether a pod waits for its PersistentVolumeClaims, and kube's words for why. */
class VolumeClaimsTest {

    static ObjectNode claim(String phase, boolean deleting) {
        ObjectNode c = Json.object();
        c.putObject("metadata").put("name", "x");
        if (deleting) c.with("metadata").put("deletionTimestamp", "2026-01-01T00:00:00Z");
        c.putObject("status").put("phase", phase);
        return c;
    }

    static ObjectNode pod(String... claims) {
        ObjectNode p = Json.object();
        p.putObject("metadata").put("name", "p").put("namespace", "ns");
        var volumes = p.putObject("spec").putArray("volumes");
        volumes.addObject().put("name", "scratch").putObject("emptyDir");
        for (String c : claims) volumes.addObject().put("name", c).putObject("persistentVolumeClaim").put("claimName", c);
        return p;
    }

    static Stream<Arguments> cases() {
        Map<String, ObjectNode> claims = Map.of("ns/bound", claim("Bound", false), "ns/pending", claim("Pending", false),
                "ns/deleting", claim("Bound", true), "ns/lost", claim("Lost", false));
        return Stream.of(
                Arguments.of("no claims", pod(), claims, ""),
                Arguments.of("all bound", pod("bound"), claims, ""),
                Arguments.of("one pending", pod("bound", "pending"), claims, "pod has unbound immediate PersistentVolumeClaims"),
                Arguments.of("lost", pod("lost"), claims, "pod has unbound immediate PersistentVolumeClaims"),
                Arguments.of("missing", pod("bound", "nowhere"), claims, "persistentvolumeclaim \"nowhere\" not found"),
                Arguments.of("being deleted", pod("deleting"), claims, "persistentvolumeclaim \"deleting\" is being deleted"),
                Arguments.of("claims of another namespace do not count", pod("bound"), Map.of("other/bound", claim("Bound", false)),
                        "persistentvolumeclaim \"bound\" not found"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void waitsForItsClaims(String what, ObjectNode pod, Map<String, ObjectNode> claims, String reason) {
        assertThat(VolumeClaims.waiting(pod, key -> Optional.ofNullable(claims.get(key))).orElse("")).isEqualTo(reason);
    }
}
