package dev.podium.actors.controllers.namespace;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.typesafe.config.ConfigFactory;
import dev.podium.actors.LiveEntities;
import dev.podium.actors.hints.Notification;
import dev.podium.actors.objects.ObjectCommand;
import dev.podium.model.json.Json;
import dev.podium.model.kinds.KindRegistry;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
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
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Namespace deletion driven by the Namespace entity's hint, against real entities and manual time. */
class NamespaceControllerTest {
    static final ActorTestKit kit = ActorTestKit.create(ManualTime.config()
            .withFallback(EventSourcedBehaviorTestKit.config())
            .withFallback(ConfigFactory.parseResources("serialization.conf"))
            .withFallback(ConfigFactory.load()));
    static final ManualTime time = ManualTime.get(kit.system());
    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);
    static final Duration TICK = Duration.ofSeconds(1);
    static final Duration RECHECK = Duration.ofSeconds(10);

    LiveEntities entities;
    volatile ActorRef<NamespaceController.Command> controller;

    @AfterAll
    static void stop() {
        kit.shutdownTestKit();
    }

    @BeforeEach
    void setUp() {
        PersistenceTestKit.create(kit.system()).clearAll();
        entities = new LiveEntities(kit, CLOCK);
        entities.hints = notifications -> notifications.forEach(n -> {
            if (n instanceof Notification.ToNamespaceController h && controller != null) controller.tell(new NamespaceController.Hint(h.change()));
        });
        ObjectNode ns = Json.object().put("apiVersion", "v1").put("kind", "Namespace");
        ns.putObject("metadata").put("name", "doomed");
        entities.create("Namespace", ns);
        for (String name : new String[] {"a", "b"}) {
            ObjectNode cm = Json.object().put("apiVersion", "v1").put("kind", "ConfigMap");
            cm.putObject("metadata").put("name", name).put("namespace", "doomed");
            entities.create("ConfigMap", cm);
        }
        // the controller lists terminating namespaces when it starts; a message it has taken shows that is done
        TestProbe<NamespaceController.Command> started = kit.createTestProbe();
        controller = kit.spawn(Behaviors.monitor(NamespaceController.Command.class, started.ref(),
                NamespaceController.create(entities.cache, entities, CLOCK, TICK, RECHECK)));
        controller.tell(NamespaceController.Tick.INSTANCE);
        started.expectMessage(NamespaceController.Tick.INSTANCE);
    }

    void deleteNamespace() {
        entities.ask(KindRegistry.get("Namespace"), "doomed", r -> new ObjectCommand.Delete(0, "", -1, false, r)).toCompletableFuture().join();
    }

    boolean exists(String kind, String id) {
        return entities.get(kind, id).isPresent();
    }

    @Test
    void aTerminatingNamespaceIsEmptiedThenFinalizedAndGone() {
        deleteNamespace();
        assertThat(entities.get("Namespace", "doomed").orElseThrow().at("/status/phase").asText()).isEqualTo("Terminating");
        time.timePasses(TICK);
        await().atMost(20, TimeUnit.SECONDS).until(() -> !exists("ConfigMap", "doomed/a") && !exists("ConfigMap", "doomed/b"));
        time.timePasses(TICK);
        await().atMost(20, TimeUnit.SECONDS).until(() -> !exists("Namespace", "doomed"));
    }

    @Test
    void aLostHintOnlyDelaysTheDeletionUntilTheRecheck() {
        entities.lose = n -> n instanceof Notification.ToNamespaceController;
        deleteNamespace();
        time.timePasses(TICK);
        await().during(300, TimeUnit.MILLISECONDS).atMost(2, TimeUnit.SECONDS).until(() -> exists("ConfigMap", "doomed/a"));
        time.timePasses(RECHECK);
        time.timePasses(TICK);
        await().atMost(20, TimeUnit.SECONDS).until(() -> !exists("ConfigMap", "doomed/a"));
        time.timePasses(TICK);
        await().atMost(20, TimeUnit.SECONDS).until(() -> !exists("Namespace", "doomed"));
    }
}
