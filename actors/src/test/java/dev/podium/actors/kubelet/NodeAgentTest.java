package dev.podium.actors.kubelet;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.typesafe.config.ConfigFactory;
import dev.podium.actors.LiveEntities;
import dev.podium.actors.RecordingObjects;
import dev.podium.actors.hints.Notification;
import dev.podium.actors.objects.ObjectCommand;
import dev.podium.model.json.Json;
import dev.podium.persistence.events.ObjectEvent;
import dev.podium.persistence.watch.WatchCache;
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

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A JVM's node agents against real Pod entities and a fake runtime, with manual time: pods reach
 * their node's agent through hints, and what hints miss comes back through the resync.
 */
class NodeAgentTest {
    static final ActorTestKit kit = ActorTestKit.create(ManualTime.config()
            .withFallback(EventSourcedBehaviorTestKit.config())
            .withFallback(ConfigFactory.parseResources("serialization.conf"))
            .withFallback(ConfigFactory.load()));
    static final ManualTime time = ManualTime.get(kit.system());
    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);
    static final Duration RESYNC = Duration.ofSeconds(10);
    static final Duration LEASE = Duration.ofSeconds(10);

    LiveEntities entities;
    FakeRuntime runtime;
    volatile ActorRef<Kubelets.Command> kubelets;

    @AfterAll
    static void stop() {
        kit.shutdownTestKit();
    }

    @BeforeEach
    void setUp() {
        PersistenceTestKit.create(kit.system()).clearAll();
        entities = new LiveEntities(kit, CLOCK);
        entities.hints = notifications -> notifications.forEach(n -> {
            if (n instanceof Notification.ToNodeAgent a && kubelets != null) kubelets.tell(new Kubelets.ForNode(a.nodeName(), a.change()));
        });
        runtime = new FakeRuntime();
    }

    void startAgents(String... nodes) {
        List<LocalNode> local = java.util.Arrays.stream(nodes).map(n -> new LocalNode(n, 2, 1L << 30, 110, runtime, "127.0.0.1")).toList();
        kubelets = kit.spawn(Kubelets.create(local, new KubeletSettings(entities.cache, entities, CLOCK, RESYNC, LEASE, 0, null)));
    }

    static ObjectNode pod(String name, String node) {
        ObjectNode p = Json.object();
        p.put("apiVersion", "v1").put("kind", "Pod");
        p.putObject("metadata").put("name", name).put("namespace", "default");
        p.putObject("spec").put("nodeName", node).putArray("containers").addObject().put("name", "c").put("image", "x").put("command", "x");
        return p;
    }

    String uidOf(String name) {
        return entities.get("Pod", "default/" + name).orElseThrow().path("metadata").path("uid").asText();
    }

    String phaseOf(String name) {
        return entities.get("Pod", "default/" + name).map(p -> p.path("status").path("phase").asText("")).orElse("gone");
    }

    @Test
    void registersItsNodeAndLeaseAndRunsThePodsItsHintsNameWhileTheCacheLags() {
        startAgents("n1", "n2");
        await().atMost(5, TimeUnit.SECONDS).until(() -> entities.get("Node", "n1").isPresent() && entities.get("Node", "n2").isPresent()
                && entities.get("Lease.coordination.k8s.io", "kube-node-lease/n1").isPresent());
        entities.holdCache();
        entities.create("Pod", pod("mine", "n1"));
        await().atMost(5, TimeUnit.SECONDS).until(() -> phaseOf("mine").equals("Running"));
        assertThat(runtime.started).containsEntry(uidOf("mine"), "n1");
        entities.releaseCache();
    }

    @Test
    void aTerminatingPodIsStoppedWithItsGracePeriodAndThenDeleted() {
        startAgents("n1");
        entities.create("Pod", pod("ending", "n1"));
        await().atMost(5, TimeUnit.SECONDS).until(() -> phaseOf("ending").equals("Running"));
        String uid = uidOf("ending");
        entities.ask(dev.podium.model.kinds.KindRegistry.get("Pod"), "default/ending", r -> new ObjectCommand.Delete(0, "", 5, false, r));
        await().atMost(5, TimeUnit.SECONDS).until(() -> runtime.stopped.contains(uid + "/5"));
        await().atMost(5, TimeUnit.SECONDS).until(() -> phaseOf("ending").equals("gone"));
        List<Object> journal = PersistenceTestKit.create(kit.system()).persistedInStorage("Pod|default/ending");
        assertThat(journal.get(journal.size() - 1)).isInstanceOf(ObjectEvent.ObjectDeleted.class);
        assertThat(journal.get(journal.size() - 2)).as("the pod's last status is written before it is deleted")
                .isInstanceOfSatisfying(ObjectEvent.ObjectUpdated.class, u -> assertThat(u.object().at("/status/phase").asText()).isEqualTo("Failed"));
    }

    @Test
    void aPodWhoseHintWasLostIsFoundByTheResyncThroughTheNodeIndex() {
        startAgents("n1");
        // a pod heard first shows the agent has started and made its first sync, which would find any pod already there
        entities.create("Pod", pod("heard", "n1"));
        await().atMost(5, TimeUnit.SECONDS).until(() -> phaseOf("heard").equals("Running"));
        entities.lose = n -> n instanceof Notification.ToNodeAgent;
        entities.create("Pod", pod("unheard", "n1"));
        await().during(300, TimeUnit.MILLISECONDS).atMost(2, TimeUnit.SECONDS).until(() -> runtime.started.size() == 1);
        time.timePasses(RESYNC);
        await().atMost(5, TimeUnit.SECONDS).until(() -> phaseOf("unheard").equals("Running"));
    }

    @Test
    void aRunningPodTheCacheDoesNotShowIsKeptWhileItsEntityHasItAndStoppedOnceItIsGone() {
        startAgents("n1");
        entities.holdCache();
        entities.create("Pod", pod("fresh", "n1"));
        await().atMost(5, TimeUnit.SECONDS).until(() -> phaseOf("fresh").equals("Running"));
        String uid = uidOf("fresh");
        time.timePasses(RESYNC);
        await().during(300, TimeUnit.MILLISECONDS).atMost(2, TimeUnit.SECONDS).until(() -> runtime.stopped.isEmpty());

        // deleted for good while its hint is lost: the next resync reads the entity and stops the pod
        entities.lose = n -> n instanceof Notification.ToNodeAgent;
        entities.ask(dev.podium.model.kinds.KindRegistry.get("Pod"), "default/fresh", r -> new ObjectCommand.Delete(0, "", 0, false, r));
        await().atMost(5, TimeUnit.SECONDS).until(() -> phaseOf("fresh").equals("gone"));
        time.timePasses(RESYNC);
        await().atMost(5, TimeUnit.SECONDS).until(() -> runtime.stopped.contains(uid + "/0"));
        entities.releaseCache();
    }

    @Test
    void leasesAreRenewedEveryPeriodStartingAtARandomPointOfTheFirst() {
        startAgents("n1");
        await().atMost(5, TimeUnit.SECONDS).until(() -> entities.sentOf("kube-node-lease/n1", ObjectCommand.Patch.class) == 1);
        time.timePasses(LEASE);
        await().atMost(5, TimeUnit.SECONDS).until(() -> entities.sentOf("kube-node-lease/n1", ObjectCommand.Patch.class) == 2);
        time.timePasses(LEASE);
        await().atMost(5, TimeUnit.SECONDS).until(() -> entities.sentOf("kube-node-lease/n1", ObjectCommand.Patch.class) == 3);
    }

    @Test
    void aStatusWhosePatchGotNoAnswerIsSentAgainUntilAnEntityAnswers() {
        WatchCache cache = new WatchCache(100);
        cache.markReady();
        RecordingObjects objects = new RecordingObjects(kit);
        objects.lost = s -> s.command() instanceof ObjectCommand.Patch p && p.status();
        ObjectNode unlucky = pod("unlucky", "n4");
        unlucky.with("metadata").put("uid", "u4");
        cache.apply("Pod|default/unlucky", 1, 1, new ObjectEvent.ObjectCreated(unlucky));
        kubelets = kit.spawn(Kubelets.create(List.of(new LocalNode("n4", 2, 1L << 30, 110, runtime, "127.0.0.1")),
                new KubeletSettings(cache, objects, CLOCK, RESYNC, LEASE, 0, null)));
        await().atMost(5, TimeUnit.SECONDS).until(() -> objects.count("Pod", "default/unlucky", ObjectCommand.Patch.class) == 1);

        objects.lost = s -> false;
        time.timePasses(RESYNC);
        await().atMost(5, TimeUnit.SECONDS).until(() -> objects.count("Pod", "default/unlucky", ObjectCommand.Patch.class) == 2);
        time.timePasses(RESYNC);
        // delivered now: nothing is left to resend
        await().during(300, TimeUnit.MILLISECONDS).atMost(2, TimeUnit.SECONDS)
                .until(() -> objects.count("Pod", "default/unlucky", ObjectCommand.Patch.class) == 2);
    }
}
