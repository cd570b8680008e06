package dev.podium.persistence.watch;

import dev.podium.persistence.watch.HoleTracker.Decision;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class HoleTrackerTest {
    static final long MS = 1_000_000;
    final HoleTracker holes = new HoleTracker(Duration.ofSeconds(10));

    HoleTrackerTest() {
        holes.startedAt(0, Set.of());
    }

    @Test
    void aHoleWaitsWhileAWriterSeenWithItIsStillRunning() {
        assertThat(holes.onHole(1, 2, 0)).isEqualTo(Decision.WAIT);
        assertThat(holes.wantsObservation()).isTrue();
        holes.observed(Set.of("3/7"));
        holes.checked(Set.of("3/7", "4/1"));
        assertThat(holes.awaitsCheck()).isTrue();
        assertThat(holes.onHole(1, 2, 5 * MS)).isEqualTo(Decision.WAIT);
    }

    @Test
    void aHoleIsSkippedByTheFirstReadAfterACheckFoundItsWritersEnded() {
        holes.onHole(1, 2, 0);
        holes.observed(Set.of("3/7"));
        holes.checked(Set.of("4/1")); // a writer that started later does not matter
        assertThat(holes.awaitsCheck()).isFalse();
        assertThat(holes.onHole(1, 2, 5 * MS)).isEqualTo(Decision.SKIP_SETTLED);
    }

    @Test
    void noWriterInFlightRightAfterTheReadSettlesTheHoleForTheNextRead() {
        assertThat(holes.onHole(1, 2, 0)).isEqualTo(Decision.WAIT);
        holes.observed(Set.of());
        assertThat(holes.awaitsCheck()).isFalse();
        assertThat(holes.onHole(1, 2, MS)).isEqualTo(Decision.SKIP_SETTLED);
    }

    @Test
    void aSettlementCoversOnlyOrderingsBelowTheRowThatRevealedTheHole() {
        holes.onHole(1, 2, 0);
        holes.observed(Set.of("3/7"));
        holes.checked(Set.of());
        assertThat(holes.onHole(3, 5, MS)).isEqualTo(Decision.WAIT);
        assertThat(holes.wantsObservation()).isTrue();
    }

    @Test
    void aHoleStillCoveredByThePendingObservationNeedsNoNewOne() {
        holes.onHole(1, 4, 0);
        holes.observed(Set.of("3/7"));
        assertThat(holes.onHole(2, 4, MS)).isEqualTo(Decision.WAIT); // 1 was filled, 2..3 still missing
        assertThat(holes.wantsObservation()).isFalse();
    }

    @Test
    void aHoleReachingPastThePendingObservationReplacesItWithANewerOne() {
        holes.onHole(1, 2, 0);
        holes.observed(Set.of("3/7"));
        assertThat(holes.onHole(3, 5, MS)).isEqualTo(Decision.WAIT); // 1 and 2 arrived, 3..4 missing
        assertThat(holes.wantsObservation()).isTrue();
        holes.observed(Set.of("3/7", "5/2"));
        holes.checked(Set.of("5/2"));
        assertThat(holes.onHole(3, 5, 2 * MS)).isEqualTo(Decision.WAIT);
        holes.checked(Set.of());
        assertThat(holes.onHole(3, 5, 3 * MS)).isEqualTo(Decision.SKIP_SETTLED);
    }

    @Test
    void theGapTimeoutSkipsAHoleWhoseWritersNeverEnd() {
        holes.onHole(1, 2, 0);
        holes.observed(Set.of("3/7"));
        assertThat(holes.onHole(1, 2, 9_999 * MS)).isEqualTo(Decision.WAIT);
        assertThat(holes.onHole(1, 2, 10_000 * MS)).isEqualTo(Decision.SKIP_TIMED_OUT);
    }

    @Test
    void theGapTimeoutRestartsWhenTheFrontOfTheHoleMoves() {
        holes.onHole(1, 3, 0);
        assertThat(holes.onHole(2, 3, 9_000 * MS)).isEqualTo(Decision.WAIT);
        assertThat(holes.onHole(2, 3, 18_000 * MS)).isEqualTo(Decision.WAIT);
        assertThat(holes.onHole(2, 3, 19_000 * MS)).isEqualTo(Decision.SKIP_TIMED_OUT);
    }

    @Test
    void atStartUpWithNoWriterInFlightHolesUpToTheMaxAreSkippedAtOnce() {
        HoleTracker started = new HoleTracker(Duration.ofSeconds(10));
        started.startedAt(10, Set.of());
        assertThat(started.onHole(3, 5, 0)).isEqualTo(Decision.SKIP_SETTLED);
        assertThat(started.onHole(10, 11, 0)).isEqualTo(Decision.SKIP_SETTLED);
        assertThat(started.onHole(11, 12, 0)).isEqualTo(Decision.WAIT);
    }

    @Test
    void atStartUpHolesUpToTheMaxWaitForTheWritersInFlightThen() {
        HoleTracker started = new HoleTracker(Duration.ofSeconds(10));
        started.startedAt(10, Set.of("3/7"));
        assertThat(started.awaitsCheck()).isTrue();
        assertThat(started.onHole(3, 5, 0)).isEqualTo(Decision.WAIT);
        assertThat(started.wantsObservation()).isFalse();
        started.checked(Set.of("3/7"));
        assertThat(started.onHole(3, 5, MS)).isEqualTo(Decision.WAIT);
        started.checked(Set.of());
        assertThat(started.onHole(3, 5, 2 * MS)).isEqualTo(Decision.SKIP_SETTLED);
        assertThat(started.onHole(11, 12, 2 * MS)).isEqualTo(Decision.WAIT);
    }
}
