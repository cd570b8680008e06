package dev.podium.actors.proxy;

import dev.podium.actors.proxy.ProxiedPort.Backend;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class BalancerTest {
    static final Backend A = new Backend("10.0.0.1", 80);
    static final Backend B = new Backend("10.0.0.2", 80);

    @Test
    void withoutAffinityEndpointsTakeTurns() {
        Balancer b = new Balancer(Clock.systemUTC(), List.of(A, B), 0);
        assertThat(List.of(b.pick("c"), b.pick("c"), b.pick("c"), b.pick("c"))).containsExactly(A, B, A, B);
    }

    @Test
    void clientIPAffinityPinsAClientUntilItsTimeoutRunsOut() {
        MutableClock clock = new MutableClock();
        Balancer b = new Balancer(clock, List.of(A, B), 10);
        Backend first = b.pick("192.0.2.7");
        for (int i = 0; i < 5; i++) assertThat(b.pick("192.0.2.7")).isEqualTo(first);
        Set<Backend> others = new HashSet<>();
        for (int i = 0; i < 4; i++) others.add(b.pick("192.0.2.8"));
        assertThat(others).as("another client is pinned on its own").hasSize(1);
        clock.advance(Duration.ofSeconds(11));
        Set<Backend> afterTimeout = new HashSet<>();
        for (int i = 0; i < 4; i++) {
            afterTimeout.add(b.pick("192.0.2.7"));
            clock.advance(Duration.ofSeconds(11));
        }
        assertThat(afterTimeout).containsExactlyInAnyOrder(A, B);
    }

    @Test
    void aPinnedEndpointThatLeftIsReplacedAndNoEndpointMeansNone() {
        Balancer b = new Balancer(Clock.systemUTC(), List.of(A), 60);
        assertThat(b.pick("c")).isEqualTo(A);
        b.update(List.of(B), 60);
        assertThat(b.pick("c")).isEqualTo(B);
        b.update(List.of(), 60);
        assertThat(b.pick("c")).isNull();
    }

    static final class MutableClock extends Clock {
        private Instant now = Instant.parse("2026-01-01T00:00:00Z");

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
