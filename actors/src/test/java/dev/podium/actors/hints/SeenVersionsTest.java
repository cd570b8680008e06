package dev.podium.actors.hints;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class SeenVersionsTest {
    static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    @Test
    void onlyNewerSequenceNumbersAreAccepted() {
        SeenVersions seen = new SeenVersions(Duration.ofMinutes(5));
        assertThat(seen.accept("a", 2, false, T0)).isTrue();
        assertThat(seen.accept("a", 2, false, T0)).as("a duplicate").isFalse();
        assertThat(seen.accept("a", 1, false, T0)).as("an older one").isFalse();
        assertThat(seen.accept("a", 3, false, T0)).isTrue();
        assertThat(seen.newest("a")).isEqualTo(3);
        assertThat(seen.existing()).containsExactly("a");
    }

    @Test
    void aDeletionLeavesATombstoneThatRejectsStragglersUntilItExpires() {
        SeenVersions seen = new SeenVersions(Duration.ofMinutes(5));
        seen.accept("a", 3, false, T0);
        assertThat(seen.accept("a", 4, true, T0)).isTrue();
        assertThat(seen.exists("a")).isFalse();
        assertThat(seen.accept("a", 3, false, T0)).as("the creation's hint arriving late").isFalse();
        seen.expire(T0.plus(Duration.ofMinutes(4)));
        assertThat(seen.newest("a")).isEqualTo(4);
        seen.expire(T0.plus(Duration.ofMinutes(6)));
        assertThat(seen.newest("a")).isZero();
        assertThat(seen.accept("a", 5, false, T0)).as("a re-creation").isTrue();
        assertThat(seen.exists("a")).isTrue();
    }
}
