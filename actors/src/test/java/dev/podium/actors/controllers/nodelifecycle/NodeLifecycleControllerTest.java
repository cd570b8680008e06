package dev.podium.actors.controllers.nodelifecycle;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.typesafe.config.ConfigFactory;
import dev.podium.actors.LiveEntities;
import dev.podium.actors.TestClock;
import dev.podium.actors.hints.Notification;
import dev.podium.actors.objects.ObjectClient;
import dev.podium.actors.objects.ObjectCommand;
import dev.podium.actors.objects.ObjectReply;
import dev.podium.model.kinds.ResourceKind;
import dev.podium.model.json.Json;
import dev.podium.model.json.Times;
import dev.podium.model.kinds.KindRegistry;
import dev.podium.model.patch.PatchType;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.ManualTime;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.persistence.testkit.javadsl.EventSourcedBehaviorTestKit;
import org.apache.pekko.persistence.testkit.javadsl.PersistenceTestKit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Node lifecycle from lease and node hints, against real entities, a hand-moved clock and manual timers. */
class NodeLifecycleControllerTest {
    static final ActorTestKit kit = ActorTestKit.create(ManualTime.config()
            .withFallback(EventSourcedBehaviorTestKit.config())
            .withFallback(ConfigFactory.parseResources("serialization.conf"))
            .withFallback(ConfigFactory.load()));
    static final ManualTime time = ManualTime.get(kit.system());
    static final Duration GRACE = Duration.ofSeconds(40);
    static final Duration PERIOD = Duration.ofSeconds(5);
    static final Duration RECHECK = Duration.ofSeconds(10);

    TestClock clock;
    LiveEntities entities;
    volatile ActorRef<NodeLifecycleController.Command> controller;

    @AfterAll
    static void stop() {
        kit.shutdownTestKit();
    }

    @BeforeEach
    void setUp() {
        PersistenceTestKit.create(kit.system()).clearAll();
        clock = new TestClock(Instant.parse("2026-01-01T00:00:00Z"));
        entities = new LiveEntities(kit, clock);
        entities.hints = notifications -> notifications.forEach(n -> {
            if (n instanceof Notification.ToNodeLifecycle h && controller != null) controller.tell(new NodeLifecycleController.Hint(h.change()));
        });
        ObjectNode node = Json.object().put("apiVersion", "v1").put("kind", "Node");
        node.putObject("metadata").put("name", "n1");
        node.putObject("status").putArray("conditions").addObject().put("type", "Ready").put("status", "True");
        entities.create("Node", node);
        ObjectNode lease = Json.object().put("apiVersion", "coordination.k8s.io/v1").put("kind", "Lease");
        lease.putObject("metadata").put("name", "n1").put("namespace", "kube-node-lease");
        lease.putObject("spec").put("holderIdentity", "n1").put("leaseDurationSeconds", 40).put("renewTime", Times.rfc3339Micro(clock.instant()));
        entities.create("Lease.coordination.k8s.io", lease);
        ObjectNode pod = Json.object().put("apiVersion", "v1").put("kind", "Pod");
        pod.putObject("metadata").put("name", "p").put("namespace", "default");
        pod.putObject("spec").put("nodeName", "n1").putArray("containers").addObject().put("name", "c").put("image", "x");
        entities.create("Pod", pod);
        controller = kit.spawn(NodeLifecycleController.create(entities.cache, entities, clock, GRACE, PERIOD, RECHECK));
    }

    void renew() {
        ObjectNode patch = Json.object();
        patch.putObject("spec").put("renewTime", Times.rfc3339Micro(clock.instant()));
        entities.ask(KindRegistry.get("Lease.coordination.k8s.io"), "kube-node-lease/n1",
                r -> new ObjectCommand.Patch(PatchType.MERGE_PATCH.name(), patch, 0, false, "", false, false, r)).toCompletableFuture().join();
    }

    /** Moves both clocks: the one decisions read and the one timers fire on. */
    void after(Duration d) {
        clock.advance(d);
        time.timePasses(d);
    }

    /**
     * Waits for what the controller's next ticks must bring about, letting timer time pass (not
     * the clock decisions read), since a tick busy when the clocks moved sets its timer again after.
     */
    void untilTicked(java.util.concurrent.Callable<Boolean> done) {
        await().atMost(20, TimeUnit.SECONDS).until(() -> {
            time.timePasses(PERIOD);
            return done.call();
        });
    }

    boolean deleting() {
        return entities.get("Pod", "default/p").map(p -> p.path("metadata").has("deletionTimestamp")).orElse(true);
    }

    boolean tainted() {
        return NodeHealth.hasUnreachableTaint(entities.get("Node", "n1").orElseThrow());
    }

    @Test
    void aNodeWhoseLeaseStopsIsTaintedUnknownAndItsPodsAreEvicted() {
        after(Duration.ofSeconds(45));
        untilTicked(this::tainted);
        assertThat(NodeHealth.readyStatus(entities.get("Node", "n1").orElseThrow())).isEqualTo("Unknown");
        // the pod got kube's default toleration of 300 s for an unreachable node: deleted (gracefully, as it is bound) once it runs out
        after(PERIOD);
        await().during(300, TimeUnit.MILLISECONDS).atMost(2, TimeUnit.SECONDS).until(() -> !deleting());
        after(Duration.ofSeconds(300));
        untilTicked(this::deleting);
    }

    @Test
    void renewalsHeardThroughHintsKeepTheNodeReadyAndAFreshLeaseLiftsTheTaint() {
        for (int i = 0; i < 6; i++) {
            after(Duration.ofSeconds(10));
            renew();
        }
        await().during(300, TimeUnit.MILLISECONDS).atMost(2, TimeUnit.SECONDS).until(() -> !tainted());

        after(Duration.ofSeconds(45));
        untilTicked(this::tainted);
        renew();
        after(PERIOD);
        await().atMost(20, TimeUnit.SECONDS).until(() -> !tainted() && NodeHealth.readyStatus(entities.get("Node", "n1").orElseThrow()).equals("True"));
    }

    @Test
    void aRenewalWhoseHintWasLostIsFoundInTheCacheBeforeTheNodeIsMarked() {
        entities.lose = n -> n instanceof Notification.ToNodeLifecycle && n.change().kind().startsWith("Lease");
        for (int i = 0; i < 6; i++) {
            after(Duration.ofSeconds(10));
            renew();
        }
        await().during(300, TimeUnit.MILLISECONDS).atMost(2, TimeUnit.SECONDS).until(() -> !tainted());
    }

    @Test
    void whileItsWritesAreUnansweredANodeGetsNoSecondCopyOfThemEachPeriod() {
        List<String> sent = new CopyOnWriteArrayList<>();
        ObjectClient unanswered = new ObjectClient() {
            @Override
            public CompletionStage<ObjectReply> ask(ResourceKind kind, String id, org.apache.pekko.japi.function.Function<ActorRef<ObjectReply>, ObjectCommand> command) {
                sent.add(kind.kind() + " " + id);
                return new CompletableFuture<>();
            }
        };
        kit.stop(controller);
        controller = kit.spawn(NodeLifecycleController.create(entities.cache, unanswered, clock, GRACE, PERIOD, RECHECK));
        after(Duration.ofSeconds(45));
        await().atMost(5, TimeUnit.SECONDS).until(() -> sent.size() == 3);
        for (int i = 0; i < 5; i++) after(PERIOD);
        await().during(500, TimeUnit.MILLISECONDS).atMost(2, TimeUnit.SECONDS).until(() -> sent.size() == 3);
        assertThat(sent).containsExactlyInAnyOrder("Node n1", "Node n1", "Pod default/p");
    }
}
