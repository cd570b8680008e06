package dev.podium.http.flowcontrol;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class RetryAfterTest {
    private final ManualTime time = new ManualTime();
    private final RetryAfter retryAfter = new RetryAfter(time);

    private void drop(int times) {
        for (int i = 0; i < times; i++) retryAfter.dropped();
    }

    @Test
    void startsAtOneSecond() {
        assertThat(retryAfter.seconds()).isEqualTo(1);
    }

    @Test
    void doublesOnceThreeTimesAsManyRequestsWereDroppedSinceItLastChanged() {
        drop(2);
        assertThat(retryAfter.seconds()).isEqualTo(1);
        drop(1);
        assertThat(retryAfter.seconds()).isEqualTo(2);
        time.advance(Duration.ofSeconds(1));
        drop(6);
        assertThat(retryAfter.seconds()).isEqualTo(4);
    }

    @Test
    void neverExceedsThirtyTwoSeconds() {
        for (int i = 0; i < 10; i++) {
            time.advance(Duration.ofSeconds(1));
            drop(3 * RetryAfter.MAX_SECONDS);
        }
        assertThat(retryAfter.seconds()).isEqualTo(RetryAfter.MAX_SECONDS);
    }

    @Test
    void comesDownASecondAtATimeOnceFewRequestsAreDropped() {
        drop(3);
        time.advance(Duration.ofSeconds(1));
        drop(6);
        assertThat(retryAfter.seconds()).isEqualTo(4);
        time.advance(Duration.ofSeconds(4));
        assertThat(retryAfter.seconds()).isEqualTo(3);
        time.advance(Duration.ofSeconds(3));
        assertThat(retryAfter.seconds()).isEqualTo(2);
    }
}
