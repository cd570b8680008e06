package dev.podium.http.flowcontrol;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.podium.model.flowcontrol.FlowControlDefaults;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

class FlowControllerTest {
    /** With 12 seats for all levels, global-default's 20 of 245 shares are one seat. */
    private static final int SERVER_LIMIT = 12;
    private static final Duration QUEUE_WAIT = Duration.ofSeconds(15);
    private final ManualTime time = new ManualTime();
    private final List<String> started = new ArrayList<>();
    private final List<CompletableFuture<String>> running = new ArrayList<>();

    /** global-default with one seat it neither lends nor exceeds, {@code queues} queues of 2, and a hand of {@code handSize}. */
    private FlowController controller(int queues, int handSize) {
        ObjectNode level = FlowControlDefaults.priorityLevels().get(7);
        ObjectNode limited = (ObjectNode) level.path("spec").path("limited");
        limited.put("lendablePercent", 0).put("borrowingLimitPercent", 0);
        ((ObjectNode) limited.path("limitResponse").path("queuing")).put("queues", queues).put("handSize", handSize).put("queueLengthLimit", 2);
        return new FlowController(storedLevels(List.of(level)), SERVER_LIMIT, QUEUE_WAIT, time, time);
    }

    /** No stored flow schemas and these stored priority levels (the bootstrap ones stand in for the rest). */
    private static FlowController.Source storedLevels(List<ObjectNode> levels) {
        return new FlowController.Source() {
            public long version() {
                return 1;
            }

            public List<ObjectNode> flowSchemas() {
                return List.of();
            }

            public List<ObjectNode> priorityLevels() {
                return levels;
            }
        };
    }

    private CompletionStage<String> send(FlowController fc, String user, String name) {
        RequestSubject subject = new RequestSubject(user, List.of("system:authenticated"));
        return fc.run(RequestAttributes.resource(subject, "create", "", "configmaps", "a"), c -> {
            started.add(name);
            CompletableFuture<String> answer = new CompletableFuture<>();
            running.add(answer);
            return answer;
        });
    }

    private void finishOldest() {
        running.remove(0).complete("done");
    }

    @Test
    void aRequestBeyondTheLevelsSeatsWaitsUntilOneIsFree() {
        FlowController fc = controller(4, 1);
        CompletionStage<String> first = send(fc, "alice", "a1");
        CompletionStage<String> second = send(fc, "alice", "a2");
        assertThat(started).containsExactly("a1");
        finishOldest();
        assertThat(first.toCompletableFuture()).isCompletedWithValue("done");
        assertThat(started).containsExactly("a1", "a2");
        assertThat(second.toCompletableFuture()).isNotDone();
    }

    @Test
    void aFlowWhoseQueueIsFullIsRefusedAtOnceWithRetryAfter() {
        FlowController fc = controller(4, 1);
        send(fc, "alice", "a1");
        send(fc, "alice", "a2");
        send(fc, "alice", "a3");
        Throwable refused = catchThrowable(() -> send(fc, "alice", "a4").toCompletableFuture().get());
        assertThat(refused).isInstanceOf(ExecutionException.class).cause().isInstanceOf(TooManyRequests.class);
        TooManyRequests tooMany = (TooManyRequests) refused.getCause();
        assertThat(tooMany.retryAfterSeconds()).isEqualTo(1);
        assertThat(tooMany.classified().levelName()).isEqualTo("global-default");
        assertThat(started).containsExactly("a1");
    }

    @Test
    void anotherFlowIsServedBetweenTheRequestsOfAFloodingOne() {
        FlowController fc = controller(8, 1);
        String bob = otherFlowThan(fc, "alice");
        send(fc, "alice", "a1");
        send(fc, "alice", "a2");
        send(fc, "alice", "a3");
        // alice's single queue is full; bob's flow has its own queue and is not refused
        CompletionStage<String> b1 = send(fc, bob, "b1");
        assertThat(b1.toCompletableFuture()).isNotDone();
        finishOldest();
        finishOldest();
        finishOldest();
        assertThat(started).containsExactlyInAnyOrder("a1", "a2", "a3", "b1");
        assertThat(started.indexOf("b1")).isLessThan(started.indexOf("a3"));
    }

    @Test
    void aRequestThatWaitsLongerThanTheQueueWaitIsRefused() {
        FlowController fc = controller(4, 1);
        send(fc, "alice", "a1");
        CompletionStage<String> waiting = send(fc, "alice", "a2");
        time.advance(QUEUE_WAIT);
        assertThat(catchThrowable(() -> waiting.toCompletableFuture().get())).cause().isInstanceOf(TooManyRequests.class);
        finishOldest();
        assertThat(started).containsExactly("a1");
    }

    @Test
    void exemptRequestsNeverWait() {
        FlowController fc = controller(4, 1);
        send(fc, "alice", "a1");
        RequestSubject admin = new RequestSubject("admin", List.of("system:masters"));
        fc.run(RequestAttributes.resource(admin, "get", "", "pods", "a"), c -> {
            started.add("admin");
            return CompletableFuture.completedFuture(c.levelName());
        });
        assertThat(started).containsExactly("a1", "admin");
    }

    @Test
    void aLevelBorrowsSeatsOthersDoNotUseButNotThoseTheyAreGuaranteed() {
        // bootstrap levels, 600 seats: global-default is guaranteed 24 and may borrow what no level is guaranteed
        FlowController fc = new FlowController(storedLevels(List.of()), 600, QUEUE_WAIT, time, time);
        for (int i = 0; i < 400; i++) send(fc, "user-" + i, "r" + i);
        // 600 seats minus what the other levels are guaranteed (13+50+73+25+49+24 = 234)
        assertThat(started).hasSize(600 - 234);
    }

    /** A user whose one-queue hand is not alice's. */
    private String otherFlowThan(FlowController fc, String alice) {
        LevelState probe = new LevelState(new LevelSpec("p", "", false, 20, 0, 0, false, 8, 1, 2), new LevelLimits(1, 1, 1), time);
        int aliceQueue = probe.hand("global-default\u0000" + alice)[0];
        for (int i = 0; ; i++) {
            if (probe.hand("global-default\u0000user-" + i)[0] != aliceQueue) return "user-" + i;
        }
    }
}
