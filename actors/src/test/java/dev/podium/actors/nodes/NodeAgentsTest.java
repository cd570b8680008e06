package dev.podium.actors.nodes;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.podium.actors.RecordingObjects;
import dev.podium.actors.objects.ObjectCommand;
import dev.podium.model.json.Json;
import dev.podium.persistence.events.ObjectEvent;
import dev.podium.persistence.watch.WatchCache;
import dev.podium.runtime.ContainerRuntime;
import dev.podium.runtime.PodContext;
import dev.podium.runtime.PodStatusListener;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.ManualTime;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The node agent against a fake runtime and a recording object client, with manual time for its timers. */
class NodeAgentsTest {
    static final ActorTestKit kit = ActorTestKit.create(ManualTime.config());
    static final ManualTime time = ManualTime.get(kit.system());
    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);

    @AfterAll
    static void stop() {
        kit.shutdownTestKit();
    }

    static final class FakeRuntime implements ContainerRuntime {
        final Set<String> started = ConcurrentHashMap.newKeySet();
        final List<String> stopped = new CopyOnWriteArrayList<>();

        @Override
        public String name() {
            return "fake";
        }

        @Override
        public void startPod(ObjectNode pod, PodContext context, PodStatusListener listener) {
            String uid = pod.path("metadata").path("uid").asText();
            started.add(uid);
            ObjectNode status = Json.object().put("phase", "Running").put("hostIP", context.hostIP());
            listener.onStatus(uid, status);
        }

        @Override
        public CompletionStage<Void> stopPod(String podUid, long gracePeriodSeconds) {
            stopped.add(podUid + "/" + gracePeriodSeconds);
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public Set<String> knownPods() {
            return Set.copyOf(started);
        }

        @Override
        public boolean knows(String podUid) {
            return started.contains(podUid);
        }

        @Override
        public Optional<Path> logFile(String podUid, String container, boolean previous) {
            return Optional.empty();
        }

        @Override
        public void forget(String podUid) {
            started.remove(podUid);
        }

        @Override
        public void close() {
        }
    }

    static ObjectNode pod(String name, String uid, String node) {
        ObjectNode p = Json.object();
        p.put("apiVersion", "v1").put("kind", "Pod");
        p.putObject("metadata").put("name", name).put("namespace", "default").put("uid", uid);
        p.putObject("spec").put("nodeName", node).putArray("containers").addObject().put("name", "c").put("command", "x");
        return p;
    }

    @Test
    void registersItsNodeRunsItsPodsReportsStatusStopsTerminatingPodsAndRenewsItsLease() {
        WatchCache cache = new WatchCache(100);
        cache.markReady();
        RecordingObjects objects = new RecordingObjects(kit);
        FakeRuntime runtime = new FakeRuntime();
        kit.spawn(NodeAgents.create(List.of(new LocalNode("n1", 2, 1L << 30, 110, runtime, "127.0.0.1")), cache, objects, CLOCK,
                Duration.ofSeconds(10), Duration.ofSeconds(10), null, 0));

        await().atMost(5, TimeUnit.SECONDS).until(() -> objects.count("Node", "n1", ObjectCommand.Create.class) == 1
                && objects.count("Lease.coordination.k8s.io", "kube-node-lease/n1", ObjectCommand.Patch.class) == 1);

        cache.apply("Pod|default/mine", 1, 1, new ObjectEvent.ObjectCreated(pod("mine", "u1", "n1")));
        cache.apply("Pod|default/theirs", 1, 2, new ObjectEvent.ObjectCreated(pod("theirs", "u2", "n2")));
        await().atMost(5, TimeUnit.SECONDS).until(() -> runtime.started.contains("u1"));
        await().atMost(5, TimeUnit.SECONDS).until(() -> objects.sent.stream().anyMatch(s -> s.id().equals("default/mine")
                && s.command() instanceof ObjectCommand.Patch p && p.status()
                && p.patch().at("/status/phase").asText().equals("Running") && p.patch().at("/metadata/uid").asText().equals("u1")));
        assertThat(runtime.started).doesNotContain("u2");

        ObjectNode terminating = pod("mine", "u1", "n1");
        terminating.with("metadata").put("deletionTimestamp", "2026-01-01T00:00:05Z").put("deletionGracePeriodSeconds", 5);
        cache.apply("Pod|default/mine", 2, 3, new ObjectEvent.ObjectUpdated(terminating));
        await().atMost(5, TimeUnit.SECONDS).until(() -> runtime.stopped.contains("u1/5"));
        await().atMost(5, TimeUnit.SECONDS).until(() -> objects.sent.stream().anyMatch(s -> s.id().equals("default/mine")
                && s.command() instanceof ObjectCommand.Delete d && d.gracePeriodSeconds() == 0 && d.expectedUid().equals("u1")));

        time.timePasses(Duration.ofSeconds(10));
        await().atMost(5, TimeUnit.SECONDS).until(() ->
                objects.count("Lease.coordination.k8s.io", "kube-node-lease/n1", ObjectCommand.Patch.class) == 2);
    }

    @Test
    void aStatusReportWhoseAskFailedIsSentAgainOnResyncUntilAnEntityAnswers() {
        WatchCache cache = new WatchCache(100);
        cache.markReady();
        RecordingObjects objects = new RecordingObjects(kit);
        objects.lost = s -> s.command() instanceof ObjectCommand.Patch p && p.status();
        FakeRuntime runtime = new FakeRuntime();
        kit.spawn(NodeAgents.create(List.of(new LocalNode("n4", 2, 1L << 30, 110, runtime, "127.0.0.1")), cache, objects, CLOCK,
                Duration.ofSeconds(10), Duration.ofSeconds(10), null, 0));
        cache.apply("Pod|default/unlucky", 1, 1, new ObjectEvent.ObjectCreated(pod("unlucky", "u4", "n4")));
        await().atMost(5, TimeUnit.SECONDS).until(() -> objects.count("Pod", "default/unlucky", ObjectCommand.Patch.class) == 1);

        objects.lost = s -> false;
        time.timePasses(Duration.ofSeconds(10));
        await().atMost(5, TimeUnit.SECONDS).until(() -> objects.count("Pod", "default/unlucky", ObjectCommand.Patch.class) == 2);
        time.timePasses(Duration.ofSeconds(10));
        // delivered now: the next resync has nothing to resend
        await().during(300, TimeUnit.MILLISECONDS).atMost(2, TimeUnit.SECONDS)
                .until(() -> objects.count("Pod", "default/unlucky", ObjectCommand.Patch.class) == 2);
    }

    @Test
    void aPodDeletedFromTheApiIsStopped() {
        WatchCache cache = new WatchCache(100);
        cache.markReady();
        RecordingObjects objects = new RecordingObjects(kit);
        FakeRuntime runtime = new FakeRuntime();
        kit.spawn(NodeAgents.create(List.of(new LocalNode("n3", 2, 1L << 30, 110, runtime, "127.0.0.1")), cache, objects, CLOCK,
                Duration.ofSeconds(10), Duration.ofSeconds(10), null, 0));
        cache.apply("Pod|default/gone", 1, 1, new ObjectEvent.ObjectCreated(pod("gone", "u3", "n3")));
        await().atMost(5, TimeUnit.SECONDS).until(() -> runtime.started.contains("u3"));
        cache.apply("Pod|default/gone", 2, 2, new ObjectEvent.ObjectDeleted(pod("gone", "u3", "n3")));
        await().atMost(5, TimeUnit.SECONDS).until(() -> runtime.stopped.contains("u3/0"));
    }
}
