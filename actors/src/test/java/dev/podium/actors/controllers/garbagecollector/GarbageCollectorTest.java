package dev.podium.actors.controllers.garbagecollector;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.typesafe.config.ConfigFactory;
import dev.podium.actors.LiveEntities;
import dev.podium.actors.TestClock;
import dev.podium.actors.hints.Notification;
import dev.podium.actors.objects.ObjectCommand;
import dev.podium.model.json.Json;
import dev.podium.model.kinds.KindRegistry;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.ManualTime;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.persistence.testkit.javadsl.EventSourcedBehaviorTestKit;
import org.apache.pekko.persistence.testkit.javadsl.PersistenceTestKit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The garbage collector against real entities: a ConfigMap owner with ConfigMap dependents (no
 * controller is involved), deleted in each of the three propagation policies.
 */
class GarbageCollectorTest {
    static final ActorTestKit kit = ActorTestKit.create(ManualTime.config()
            .withFallback(EventSourcedBehaviorTestKit.config())
            .withFallback(ConfigFactory.parseResources("serialization.conf"))
            .withFallback(ConfigFactory.load()));
    static final ManualTime time = ManualTime.get(kit.system());
    static final Duration TICK = Duration.ofSeconds(1);
    static final Duration SCAN = Duration.ofSeconds(30);

    static int tests;
    LiveEntities entities;
    volatile ActorRef<GarbageCollector.Command> gc;
    /**
     * Each test's objects in a namespace of their own: earlier tests' entities and collectors live on in
     * the kit (and see manual time move), and must not share persistence ids with this test's.
     */
    String namespace;

    @AfterAll
    static void stop() {
        kit.shutdownTestKit();
    }

    @AfterEach
    void stopCollector() {
        kit.stop(gc);
    }

    @BeforeEach
    void setUp() {
        namespace = "test-" + ++tests;
        PersistenceTestKit.create(kit.system()).clearAll();
        TestClock clock = new TestClock(Instant.parse("2026-01-01T00:00:00Z"));
        entities = new LiveEntities(kit, clock);
        entities.hints = notifications -> notifications.forEach(n -> {
            if (n instanceof Notification.ToGarbageCollector g && gc != null) gc.tell(new GarbageCollector.Hint(g.change()));
        });
        gc = kit.spawn(GarbageCollector.create(entities.cache, entities, clock, TICK, SCAN));
    }

    ObjectNode configMap(String name, ObjectNode owner, boolean block) {
        ObjectNode cm = Json.object().put("apiVersion", "v1").put("kind", "ConfigMap");
        cm.putObject("metadata").put("name", name).put("namespace", namespace);
        if (owner != null) {
            cm.with("metadata").putArray("ownerReferences").addObject().put("apiVersion", "v1").put("kind", "ConfigMap")
                    .put("name", owner.at("/metadata/name").asText()).put("uid", owner.at("/metadata/uid").asText()).put("blockOwnerDeletion", block);
        }
        return ((dev.podium.actors.objects.ObjectReply.Done) entities.create("ConfigMap", cm)).object();
    }

    boolean exists(String name) {
        return entities.get("ConfigMap", namespace + "/" + name).isPresent();
    }

    void delete(String name, String policy) {
        entities.ask(KindRegistry.get("ConfigMap"), namespace + "/" + name, r -> new ObjectCommand.Delete(0, "", -1, policy, false, r))
                .toCompletableFuture().join();
    }

    @Test
    void backgroundDeletionRemovesTheOwnerAtOnceAndItsDependentsAfter() {
        ObjectNode owner = configMap("owner", null, false);
        configMap("a", owner, false);
        configMap("b", owner, true);
        delete("owner", "Background");
        assertThat(exists("owner")).isFalse();
        await().atMost(10, TimeUnit.SECONDS).until(() -> !exists("a") && !exists("b"));
    }

    @Test
    void moreDependentsThanWritesInFlightAreAllCollectedWithoutWaitingForAScan() {
        ObjectNode owner = configMap("owner", null, false);
        int count = GarbageCollector.WRITES_IN_FLIGHT * 2 + 10;
        for (int i = 0; i < count; i++) configMap("dep-" + i, owner, false);
        delete("owner", "Background");
        // manual time stands still: no scan runs, so every dependent goes through the hint and the queue behind the writes in flight
        await().atMost(30, TimeUnit.SECONDS).until(() -> entities.cache.counts().getOrDefault("ConfigMap", 0) == 0);
    }

    @Test
    void foregroundDeletionKeepsTheOwnerUntilItsBlockingDependentsAreGone() {
        ObjectNode owner = configMap("owner", null, false);
        configMap("a", owner, true);
        delete("owner", "Foreground");
        assertThat(entities.get("ConfigMap", namespace + "/owner").orElseThrow().at("/metadata/finalizers/0").asText()).isEqualTo("foregroundDeletion");
        await().atMost(10, TimeUnit.SECONDS).until(() -> !exists("a"));
        time.timePasses(TICK);
        await().atMost(10, TimeUnit.SECONDS).until(() -> !exists("owner"));
    }

    @Test
    void orphanDeletionKeepsTheDependentsWithoutTheirReferenceToTheOwner() {
        ObjectNode owner = configMap("owner", null, false);
        configMap("a", owner, true);
        delete("owner", "Orphan");
        await().atMost(10, TimeUnit.SECONDS).until(() -> entities.get("ConfigMap", namespace + "/a").orElseThrow().at("/metadata/ownerReferences").isMissingNode());
        time.timePasses(TICK);
        await().atMost(10, TimeUnit.SECONDS).until(() -> !exists("owner"));
        assertThat(exists("a")).isTrue();
    }

    @Test
    void aDependentWhoseOwnerIsGoneIsFoundByTheScanEvenWithoutAnyHint() {
        ObjectNode owner = configMap("owner", null, false);
        entities.lose = n -> n instanceof Notification.ToGarbageCollector;
        configMap("a", owner, false);
        delete("owner", "Background");
        // the scan's timer may be set after a first move of manual time: time keeps passing until the scan has run
        // one scan a second: each poll moves manual time by a scan period, and scans started faster than they end only queue up
        await().atMost(30, TimeUnit.SECONDS).pollInterval(1, TimeUnit.SECONDS).until(() -> {
            time.timePasses(SCAN);
            return !exists("a");
        });
        ObjectNode stranger = Json.object();
        stranger.putObject("metadata").put("name", "gone").put("uid", "not-this-one");
        configMap("b", stranger, false);
        // one scan a second: each poll moves manual time by a scan period, and scans started faster than they end only queue up
        await().atMost(30, TimeUnit.SECONDS).pollInterval(1, TimeUnit.SECONDS).until(() -> {
            time.timePasses(SCAN);
            return !exists("b");
        });
    }
}
