package dev.podium.actors.security;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.podium.model.json.Json;
import dev.podium.model.rbac.UserInfo;
import dev.podium.persistence.events.ObjectEvent;
import dev.podium.persistence.watch.WatchCache;
import org.junit.jupiter.api.Test;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class ServiceAccountTokensTest {
    private static final Instant NOW = Instant.parse("2026-12-06T10:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    private static final KeyPair KEY = rsa();
    private final WatchCache cache = new WatchCache(100);
    private long ordering;

    private static KeyPair rsa() {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
            g.initialize(2048);
            return g.generateKeyPair();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private void put(String kind, String namespace, String name, String uid) {
        ObjectNode o = Json.object().put("apiVersion", "v1").put("kind", kind);
        o.putObject("metadata").put("name", name).put("namespace", namespace).put("uid", uid);
        cache.apply(kind + "|" + namespace + "/" + name, ++ordering, ordering, new ObjectEvent.ObjectCreated(o));
    }

    private void delete(String kind, String namespace, String name, String uid) {
        ObjectNode o = Json.object();
        o.putObject("metadata").put("name", name).put("namespace", namespace).put("uid", uid);
        cache.apply(kind + "|" + namespace + "/" + name, ++ordering, ordering, new ObjectEvent.ObjectDeleted(o));
    }

    private ServiceAccountTokens tokens(Clock clock) {
        return new ServiceAccountTokens(KEY, cache, clock);
    }

    private String token(List<String> audiences, Duration lifetime, ServiceAccountTokens.BoundObject bound) {
        return tokens(CLOCK).issue("demo", "robot", "sa-1", audiences, lifetime, bound).token();
    }

    @Test
    void aTokenForTheApiNamesItsServiceAccountAndGroups() {
        put("ServiceAccount", "demo", "robot", "sa-1");
        String token = token(List.of(ServiceAccountTokens.ISSUER), Duration.ofHours(1), null);
        Optional<UserInfo> user = tokens(CLOCK).authenticate(token);
        assertThat(user).isPresent();
        assertThat(user.get().name()).isEqualTo("system:serviceaccount:demo:robot");
        assertThat(user.get().uid()).isEqualTo("sa-1");
        assertThat(user.get().groups()).containsExactly("system:serviceaccounts", "system:serviceaccounts:demo", "system:authenticated");
        String claims = new String(Base64.getUrlDecoder().decode(token.split("\\.")[1]));
        assertThat(claims).contains("\"iss\":\"https://kubernetes.default.svc.cluster.local\"", "\"sub\":\"system:serviceaccount:demo:robot\"",
                "\"kubernetes.io\"");
    }

    @Test
    void anExpiredTokenIsRefusedAfterTheLeeway() {
        put("ServiceAccount", "demo", "robot", "sa-1");
        String token = token(List.of(ServiceAccountTokens.ISSUER), Duration.ofMinutes(10), null);
        assertThat(tokens(Clock.offset(CLOCK, Duration.ofMinutes(10).plusSeconds(30))).authenticate(token)).isPresent();
        assertThat(tokens(Clock.offset(CLOCK, Duration.ofMinutes(12))).authenticate(token)).isEmpty();
    }

    @Test
    void aTokenForAnotherAudienceIsRefused() {
        put("ServiceAccount", "demo", "robot", "sa-1");
        assertThat(tokens(CLOCK).authenticate(token(List.of("vault"), Duration.ofHours(1), null))).isEmpty();
    }

    @Test
    void aTokenSignedWithAnotherKeyOrTamperedWithIsRefused() {
        put("ServiceAccount", "demo", "robot", "sa-1");
        String foreign = new ServiceAccountTokens(rsa(), cache, CLOCK).issue("demo", "robot", "sa-1", List.of(ServiceAccountTokens.ISSUER),
                Duration.ofHours(1), null).token();
        assertThat(tokens(CLOCK).authenticate(foreign)).isEmpty();
        String[] parts = token(List.of(ServiceAccountTokens.ISSUER), Duration.ofHours(1), null).split("\\.");
        String otherClaims = Base64.getUrlEncoder().withoutPadding().encodeToString(
                new String(Base64.getUrlDecoder().decode(parts[1])).replace("robot", "admin").getBytes());
        assertThat(tokens(CLOCK).authenticate(parts[0] + "." + otherClaims + "." + parts[2])).isEmpty();
        assertThat(tokens(CLOCK).authenticate("not-a-jwt")).isEmpty();
    }

    @Test
    void aServiceAccountDeletedAndCreatedAgainDoesNotHonourOldTokens() {
        put("ServiceAccount", "demo", "robot", "sa-1");
        String token = token(List.of(ServiceAccountTokens.ISSUER), Duration.ofHours(1), null);
        delete("ServiceAccount", "demo", "robot", "sa-1");
        assertThat(tokens(CLOCK).authenticate(token)).isEmpty();
        put("ServiceAccount", "demo", "robot", "sa-2");
        assertThat(tokens(CLOCK).authenticate(token)).isEmpty();
    }

    @Test
    void aTokenBoundToAPodLastsAsLongAsThePod() {
        put("ServiceAccount", "demo", "robot", "sa-1");
        put("Pod", "demo", "web", "pod-1");
        String token = token(List.of(ServiceAccountTokens.ISSUER), Duration.ofHours(1), new ServiceAccountTokens.BoundObject("Pod", "web", "pod-1"));
        assertThat(tokens(CLOCK).authenticate(token)).isPresent();
        delete("Pod", "demo", "web", "pod-1");
        assertThat(tokens(CLOCK).authenticate(token)).isEmpty();
    }
}
