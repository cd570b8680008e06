package dev.podium.actors.kubelet;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class StatusQueueTest {
    private final StatusQueue<String> queue = new StatusQueue<>(2);

    @Test
    void sendsAtOnceWhileUnderTheLimit() {
        assertThat(queue.offer("a", "a1")).containsExactly("a1");
        assertThat(queue.offer("b", "b1")).containsExactly("b1");
        assertThat(queue.inFlight()).isEqualTo(2);
    }

    @Test
    void beyondTheLimitStatusesWaitTheirTurnInArrivalOrder() {
        queue.offer("a", "a1");
        queue.offer("b", "b1");
        assertThat(queue.offer("c", "c1")).isEmpty();
        assertThat(queue.offer("d", "d1")).isEmpty();

        assertThat(queue.done("a", "a1", true)).containsExactly("c1");
        assertThat(queue.done("b", "b1", true)).containsExactly("d1");
    }

    @Test
    void onlyTheNewestStatusOfAPodIsSentAfterItsPatchInFlight() {
        queue.offer("a", "a1");
        assertThat(queue.offer("a", "a2")).isEmpty();
        assertThat(queue.offer("a", "a3")).isEmpty();

        assertThat(queue.done("a", "a1", true)).containsExactly("a3");
        assertThat(queue.done("a", "a3", true)).isEmpty();
        assertThat(queue.undelivered()).isEmpty();
    }

    @Test
    void aFailedPatchStaysUndeliveredForTheNextResync() {
        queue.offer("a", "a1");
        assertThat(queue.done("a", "a1", false)).isEmpty();
        assertThat(queue.undelivered()).containsExactly("a1");
        assertThat(queue.offer("a", "a1")).containsExactly("a1");
    }

    @Test
    void aForgottenPodSendsNothingMore() {
        queue.offer("a", "a1");
        queue.offer("b", "b1");
        queue.offer("c", "c1");
        queue.forget("c");
        assertThat(queue.done("a", "a1", true)).isEmpty();
        assertThat(queue.undelivered()).isEqualTo(List.of("b1"));
    }
}
