package dev.podium.actors.scheduler;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.typesafe.config.ConfigFactory;
import dev.podium.actors.LiveEntities;
import dev.podium.actors.hints.Notification;
import dev.podium.model.json.Json;
import dev.podium.actors.hints.ObjectChanged;
import dev.podium.actors.objects.ObjectCommand;
import dev.podium.actors.objects.ObjectReply;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.ManualTime;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.persistence.testkit.javadsl.EventSourcedBehaviorTestKit;
import org.apache.pekko.persistence.testkit.javadsl.PersistenceTestKit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The scheduler driven by the hints of real Pod and Node entities, with manual time: what it
 * does comes from hints, what it misses comes back through its re-check of the cache, and the
 * Pod entity's single binding keeps a restarted or moved scheduler from binding twice.
 */
class SchedulerActorTest {
    static final ActorTestKit kit = ActorTestKit.create(ManualTime.config()
            .withFallback(EventSourcedBehaviorTestKit.config())
            .withFallback(ConfigFactory.parseResources("serialization.conf"))
            .withFallback(ConfigFactory.load()));
    static final ManualTime time = ManualTime.get(kit.system());
    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);
    static final Duration RESYNC = Duration.ofSeconds(30);
    static final Duration RECHECK = Duration.ofSeconds(10);

    LiveEntities entities;
    volatile ActorRef<SchedulerActor.Command> scheduler;

    @AfterAll
    static void stop() {
        kit.shutdownTestKit();
    }

    @BeforeEach
    void setUp() {
        PersistenceTestKit.create(kit.system()).clearAll();
        entities = new LiveEntities(kit, CLOCK);
        entities.hints = notifications -> notifications.forEach(n -> {
            ActorRef<SchedulerActor.Command> s = scheduler;
            if (n instanceof Notification.ToScheduler h && s != null) s.tell(new SchedulerActor.Hint(h.change()));
        });
        entities.create("Node", Fixtures.node("n1").build());
    }

    ActorRef<SchedulerActor.Command> startScheduler() {
        scheduler = kit.spawn(SchedulerActor.create(entities.cache, entities, CLOCK, RESYNC, RECHECK));
        return scheduler;
    }

    static ObjectNode pod(String name) {
        ObjectNode p = Fixtures.pod(name).build();
        p.with("metadata").put("namespace", "default");
        return p;
    }

    String nodeOf(String name) {
        return entities.get("Pod", "default/" + name).map(p -> p.path("spec").path("nodeName").asText("")).orElse("?");
    }

    /** A moment of manual time: timers due now fire (passes themselves need none). */
    void passes() {
        time.timePasses(Duration.ofMillis(20));
    }

    @Test
    void aPodIsScheduledFromItsHintAloneWhileTheCacheLags() {
        startScheduler();
        passes();
        entities.holdCache();
        entities.create("Pod", pod("hinted"));
        passes();
        await().atMost(5, TimeUnit.SECONDS).untilAsserted(() -> assertThat(nodeOf("hinted")).isEqualTo("n1"));
        assertThat(entities.cache.get("Pod", "default/hinted")).as("the cache never saw the pod").isEmpty();
        entities.releaseCache();
    }

    @Test
    void aPodWaitsForItsClaimToBeBoundAndIsScheduledOnceItIs() {
        startScheduler();
        passes();
        entities.create("PersistentVolumeClaim", Json.parseObject("""
                {"apiVersion": "v1", "kind": "PersistentVolumeClaim", "metadata": {"name": "data", "namespace": "default"},
                 "spec": {"storageClassName": "", "accessModes": ["ReadWriteOnce"], "resources": {"requests": {"storage": "1Gi"}}}}""".getBytes(), false));
        ObjectNode withClaim = pod("stateful");
        withClaim.with("spec").putArray("volumes").addObject().put("name", "data").putObject("persistentVolumeClaim").put("claimName", "data");
        entities.create("Pod", withClaim);
        passes();
        await().atMost(5, TimeUnit.SECONDS).untilAsserted(() -> assertThat(entities.get("Pod", "default/stateful").orElseThrow()
                .at("/status/conditions/0/message").asText()).isEqualTo("0/1 nodes are available: pod has unbound immediate PersistentVolumeClaims. "
                        + "preemption: 0/1 nodes are available: 1 Preemption is not helpful for scheduling."));
        assertThat(nodeOf("stateful")).isEmpty();

        // a volume that fits: the claim's binder binds it on its next look, and the claim's hint brings the pod back
        entities.create("PersistentVolume", Json.parseObject("""
                {"apiVersion": "v1", "kind": "PersistentVolume", "metadata": {"name": "pv1"},
                 "spec": {"capacity": {"storage": "1Gi"}, "accessModes": ["ReadWriteOnce"], "hostPath": {"path": "/tmp/pv1"}}}""".getBytes(), false));
        await().atMost(10, TimeUnit.SECONDS).untilAsserted(() -> {
            time.timePasses(RECHECK);
            assertThat(nodeOf("stateful")).isEqualTo("n1");
        });
        assertThat(entities.get("PersistentVolumeClaim", "default/data").orElseThrow().at("/status/phase").asText()).isEqualTo("Bound");
    }

    @Test
    void aLostHintIsRecoveredByTheRecheckOfTheCache() {
        startScheduler();
        passes();
        entities.lose = n -> n instanceof Notification.ToScheduler;
        entities.create("Pod", pod("unheard"));
        passes();
        await().during(300, TimeUnit.MILLISECONDS).atMost(2, TimeUnit.SECONDS).until(() -> nodeOf("unheard").isEmpty());
        time.timePasses(RECHECK);
        passes();
        await().atMost(5, TimeUnit.SECONDS).untilAsserted(() -> assertThat(nodeOf("unheard")).isEqualTo("n1"));
    }

    @Test
    void aDuplicateOrOlderHintIsIgnored() {
        ActorRef<SchedulerActor.Command> s = startScheduler();
        passes();
        ObjectNode created = ((ObjectReply.Done) entities.create("Pod", pod("once"))).object();
        passes();
        await().atMost(5, TimeUnit.SECONDS).untilAsserted(() -> assertThat(nodeOf("once")).isEqualTo("n1"));
        assertThat(entities.sentOf("default/once", ObjectCommand.Bind.class)).isEqualTo(1);

        // the creation's hint again, and an even older version: the pod is bound, nothing is tried again
        s.tell(new SchedulerActor.Hint(new ObjectChanged("Pod", "default/once", created, 1, false)));
        s.tell(new SchedulerActor.Hint(new ObjectChanged("Pod", "default/once", created, 0, false)));
        passes();
        time.timePasses(Duration.ofSeconds(1));
        await().during(300, TimeUnit.MILLISECONDS).atMost(2, TimeUnit.SECONDS)
                .until(() -> entities.sentOf("default/once", ObjectCommand.Bind.class) == 1);
    }

    @Test
    void aSchedulerThatFailsRestartsUnderSupervisionAndStillSchedules() {
        startScheduler();
        passes();
        entities.failOnce = c -> c instanceof ObjectCommand.Bind;
        entities.create("Pod", pod("survivor"));
        passes();
        await().atMost(2, TimeUnit.SECONDS).until(() -> entities.injectedFailures.get() == 1);
        // the failed pass stopped the actor; after the backoff it starts over from the cache and binds
        time.timePasses(Duration.ofSeconds(1));
        passes();
        await().atMost(5, TimeUnit.SECONDS).untilAsserted(() -> assertThat(nodeOf("survivor")).isEqualTo("n1"));
        assertThat(entities.done("default/survivor", ObjectCommand.Bind.class)).isEqualTo(1);
    }

    @Test
    void aSchedulerRebuiltAfterAMoveSchedulesEveryPendingPodExactlyOnce() {
        List<String> names = IntStream.range(0, 20).mapToObj(i -> "p" + i).toList();
        names.forEach(n -> entities.create("Pod", pod(n)));
        ActorRef<SchedulerActor.Command> first = startScheduler();
        // the first scheduler binds and is gone at once; the cache of the member the singleton moves to has not seen the binds yet
        entities.holdCache();
        passes();
        kit.stop(first);
        await().atMost(5, TimeUnit.SECONDS).until(() -> names.stream().allMatch(n -> entities.sentOf("default/" + n, ObjectCommand.Bind.class) == 1));
        startScheduler();
        passes();
        time.timePasses(Duration.ofSeconds(1));
        passes();
        await().atMost(5, TimeUnit.SECONDS).untilAsserted(() -> assertThat(names).allSatisfy(n -> assertThat(nodeOf(n)).isEqualTo("n1")));
        entities.releaseCache();
        assertThat(names).allSatisfy(n -> assertThat(entities.done("default/" + n, ObjectCommand.Bind.class)).isEqualTo(1));
    }
}
