package dev.podium.actors.services;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.podium.actors.RecordingObjects;
import dev.podium.actors.objects.ObjectCommand;
import dev.podium.actors.objects.ObjectEntity;
import dev.podium.model.kinds.KindRegistry;
import dev.podium.model.kinds.ResourceKind;
import dev.podium.persistence.events.ObjectEvent;
import dev.podium.persistence.watch.WatchCache;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.ManualTime;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static dev.podium.actors.services.Services.service;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The repair actor against a watch cache and a recording object client, with manual time for its timer. */
class AllocationRepairTest {
    static final ActorTestKit kit = ActorTestKit.create(ManualTime.config());
    static final ManualTime time = ManualTime.get(kit.system());
    static final Instant NOW = Instant.parse("2026-01-01T01:00:00Z");
    static final Duration INTERVAL = Duration.ofMinutes(1);

    final WatchCache cache = new WatchCache(100);
    final AtomicLong ordering = new AtomicLong();

    @AfterAll
    static void stop() {
        kit.shutdownTestKit();
    }

    void store(ResourceKind kind, String id, long seqNr, ObjectNode obj) {
        cache.apply(ObjectEntity.persistenceId(kind, id), seqNr, ordering.incrementAndGet(), new ObjectEvent.ObjectCreated(obj));
    }

    void claim(Allocation a, String namespace, String name, long seqNr, Duration age) {
        ObjectNode obj = a.claimFor(new ServiceRef(namespace, name));
        obj.with("metadata").put("creationTimestamp", NOW.minus(age).toString());
        store(a.claimKind(), a.claimId(), seqNr, obj);
    }

    @Test
    void everyIntervalReleasesOldOrphanClaimsAndClaimsWhatServicesUseUnclaimed() {
        store(KindRegistry.get("Service"), "default/web", 1, service("default/web ip=10.96.0.5 nodePort=30080"));
        store(KindRegistry.get("Service"), "default/legacy", 1, service("default/legacy ip=10.96.0.9"));
        claim(new Allocation.ClusterIP("10.96.0.5"), "default", "web", 1, Duration.ofMinutes(10));
        claim(new Allocation.NodePort(30080), "default", "web", 1, Duration.ofMinutes(10));
        claim(new Allocation.NodePort(30090), "default", "gone", 4, Duration.ofMinutes(10));
        claim(new Allocation.ClusterIP("10.96.0.7"), "default", "creating", 1, Duration.ofSeconds(5));
        RecordingObjects objects = new RecordingObjects(kit);
        kit.spawn(AllocationRepair.create(cache, objects, Clock.fixed(NOW, ZoneOffset.UTC), INTERVAL));

        time.expectNoMessageFor(Duration.ofSeconds(59), kit.createTestProbe());
        assertThat(objects.sent).isEmpty();

        time.timePasses(Duration.ofSeconds(1));
        await().atMost(5, TimeUnit.SECONDS).until(() -> objects.sent.size() == 2);
        assertThat(objects.sent).anySatisfy(s -> {
            assertThat(s.id()).isEqualTo("kube-system/nodeport-30090");
            assertThat(s.command()).isInstanceOfSatisfying(ObjectCommand.Delete.class, d -> assertThat(d.expectedSeqNr()).isEqualTo(4));
        });
        assertThat(objects.sent).anySatisfy(s -> {
            assertThat(s.id()).isEqualTo("10.96.0.9");
            assertThat(s.command()).isInstanceOfSatisfying(ObjectCommand.Create.class,
                    c -> assertThat(c.object().at("/spec/parentRef/name").asText()).isEqualTo("legacy"));
        });
    }
}
