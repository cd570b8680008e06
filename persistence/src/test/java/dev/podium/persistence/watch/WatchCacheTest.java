package dev.podium.persistence.watch;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.podium.persistence.events.ObjectEvent;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.stream.Materializer;
import org.apache.pekko.stream.javadsl.Sink;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class WatchCacheTest {
    static final ActorTestKit kit = ActorTestKit.create();
    static final Materializer mat = Materializer.matFromSystem(kit.system());

    @AfterAll
    static void stop() {
        kit.shutdownTestKit();
    }

    static ObjectNode cm(String ns, String name, String label) {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.put("kind", "ConfigMap");
        ObjectNode meta = o.putObject("metadata");
        meta.put("name", name).put("namespace", ns);
        meta.putObject("labels").put("tier", label);
        return o;
    }

    @Test
    void appliedEventsCarryTheirOrderingAsResourceVersion() {
        WatchCache cache = new WatchCache(100);
        cache.apply("ConfigMap|a/x", 1, 7, new ObjectEvent.ObjectCreated(cm("a", "x", "web")));
        CachedObject x = cache.get("ConfigMap", "a/x").orElseThrow();
        assertThat(x.resourceVersion()).isEqualTo(7);
        assertThat(x.object().at("/metadata/resourceVersion").asText()).isEqualTo("7");
        assertThat(cache.currentResourceVersion()).isEqualTo(7);
    }

    @Test
    void duplicateOrOlderEventsAreIgnored() {
        WatchCache cache = new WatchCache(100);
        cache.apply("ConfigMap|a/x", 1, 7, new ObjectEvent.ObjectCreated(cm("a", "x", "web")));
        cache.apply("ConfigMap|a/x", 1, 7, new ObjectEvent.ObjectDeleted(cm("a", "x", "web")));
        assertThat(cache.get("ConfigMap", "a/x")).isPresent();
    }

    @Test
    void listsAreOrderedFilteredAndPaged() {
        WatchCache cache = new WatchCache(100);
        cache.apply("ConfigMap|b/z", 1, 1, new ObjectEvent.ObjectCreated(cm("b", "z", "web")));
        cache.apply("ConfigMap|a/y", 1, 2, new ObjectEvent.ObjectCreated(cm("a", "y", "db")));
        cache.apply("ConfigMap|a/x", 1, 3, new ObjectEvent.ObjectCreated(cm("a", "x", "web")));
        ListResult all = cache.list("ConfigMap", null, o -> true, 2, null);
        assertThat(all.items()).extracting(CachedObject::key).containsExactly("a/x", "a/y");
        assertThat(all.remaining()).isEqualTo(1);
        ListResult rest = cache.list("ConfigMap", null, o -> true, 2, all.continueAfter());
        assertThat(rest.items()).extracting(CachedObject::key).containsExactly("b/z");
        assertThat(rest.continueAfter()).isNull();
        ListResult inA = cache.list("ConfigMap", "a", o -> o.at("/metadata/labels/tier").asText().equals("web"), 0, null);
        assertThat(inA.items()).extracting(CachedObject::key).containsExactly("a/x");
    }

    @Test
    void watchReplaysTheWindowAfterTheGivenVersionThenFollowsLive() throws Exception {
        WatchCache cache = new WatchCache(100);
        cache.apply("ConfigMap|a/x", 1, 1, new ObjectEvent.ObjectCreated(cm("a", "x", "web")));
        cache.apply("ConfigMap|a/x", 2, 2, new ObjectEvent.ObjectUpdated(cm("a", "x", "db")));
        var events = cache.watch(new WatchFilter("ConfigMap", "a", o -> true), 1, false, 16, mat)
                .take(3).runWith(Sink.seq(), mat);
        cache.apply("ConfigMap|b/q", 1, 3, new ObjectEvent.ObjectCreated(cm("b", "q", "web")));
        cache.apply("ConfigMap|a/x", 3, 4, new ObjectEvent.ObjectDeleted(cm("a", "x", "db")));
        cache.apply("ConfigMap|a/n", 1, 5, new ObjectEvent.ObjectCreated(cm("a", "n", "db")));
        List<WatchEvent> got = events.toCompletableFuture().get(5, TimeUnit.SECONDS);
        assertThat(got).extracting(e -> e.type() + "@" + e.resourceVersion())
                .containsExactly("MODIFIED@2", "DELETED@4", "ADDED@5");
    }

    @Test
    void watchWithoutVersionStartsWithSyntheticAdds() throws Exception {
        WatchCache cache = new WatchCache(100);
        cache.apply("ConfigMap|a/x", 1, 1, new ObjectEvent.ObjectCreated(cm("a", "x", "web")));
        cache.apply("ConfigMap|a/y", 1, 2, new ObjectEvent.ObjectCreated(cm("a", "y", "web")));
        var got = cache.watch(new WatchFilter("ConfigMap", null, o -> true), -1, false, 16, mat)
                .take(2).runWith(Sink.seq(), mat).toCompletableFuture().get(5, TimeUnit.SECONDS);
        assertThat(got).extracting(e -> e.type() + " " + e.object().at("/metadata/name").asText()).containsExactly("ADDED x", "ADDED y");
    }

    @Test
    void versionsOlderThanTheWindowAreGone() {
        WatchCache cache = new WatchCache(2);
        for (int i = 1; i <= 5; i++) cache.apply("ConfigMap|a/x" + i, 1, i, new ObjectEvent.ObjectCreated(cm("a", "x" + i, "web")));
        assertThatThrownBy(() -> cache.watch(new WatchFilter("ConfigMap", null, o -> true), 1, false, 16, mat))
                .isInstanceOf(WatchCache.TooOldResourceVersion.class)
                .hasMessageContaining("too old resource version: 1");
    }

    @Test
    void awaitAppliedCompletesWithTheEventsOrdering() throws Exception {
        WatchCache cache = new WatchCache(100);
        var waiting = cache.awaitApplied("ConfigMap|a/x", 2, 5_000);
        cache.apply("ConfigMap|a/x", 1, 10, new ObjectEvent.ObjectCreated(cm("a", "x", "web")));
        assertThat(waiting.toCompletableFuture().isDone()).isFalse();
        cache.apply("ConfigMap|a/x", 2, 12, new ObjectEvent.ObjectUpdated(cm("a", "x", "db")));
        assertThat(waiting.toCompletableFuture().get(1, TimeUnit.SECONDS)).isEqualTo(12);
        assertThat(cache.awaitApplied("ConfigMap|a/x", 1, 10).toCompletableFuture().get(1, TimeUnit.SECONDS)).isEqualTo(10);
    }

    @Test
    void awaitResourceVersionTimesOutWhenNeverReached() {
        WatchCache cache = new WatchCache(100);
        var f = cache.awaitResourceVersion(99, 50).toCompletableFuture();
        assertThatThrownBy(() -> f.get(2, TimeUnit.SECONDS)).hasCauseInstanceOf(java.util.concurrent.TimeoutException.class);
    }

    @Test
    void bookmarksGoOnlyToWatchesThatAskedForThem() throws Exception {
        WatchCache cache = new WatchCache(100);
        cache.apply("ConfigMap|a/x", 1, 4, new ObjectEvent.ObjectCreated(cm("a", "x", "web")));
        var withBookmarks = cache.watch(new WatchFilter("ConfigMap", null, o -> true), 4, true, 16, mat)
                .take(1).runWith(Sink.seq(), mat);
        cache.sendBookmarks();
        var got = withBookmarks.toCompletableFuture().get(5, TimeUnit.SECONDS);
        assertThat(got.get(0).type()).isEqualTo(WatchEvent.Type.BOOKMARK);
        assertThat(got.get(0).resourceVersion()).isEqualTo(4);
    }

    @Test
    void anObjectThatStopsMatchingASelectorIsDeletedForThatWatchAndAddedWhenItMatchesAgain() throws Exception {
        WatchCache cache = new WatchCache(100);
        cache.apply("ConfigMap|a/x", 1, 1, new ObjectEvent.ObjectCreated(cm("a", "x", "web")));
        var events = cache.watch(new WatchFilter("ConfigMap", null, o -> o.at("/metadata/labels/tier").asText().equals("web")), 1, false, 16, mat)
                .take(2).runWith(Sink.seq(), mat);
        cache.apply("ConfigMap|a/x", 2, 2, new ObjectEvent.ObjectUpdated(cm("a", "x", "db")));
        cache.apply("ConfigMap|a/x", 3, 3, new ObjectEvent.ObjectUpdated(cm("a", "x", "web")));
        assertThat(events.toCompletableFuture().get(5, TimeUnit.SECONDS)).extracting(e -> e.type() + "@" + e.resourceVersion())
                .containsExactly("DELETED@2", "ADDED@3");
    }

    static ObjectNode pod(String ns, String name, String node, String ownerUid, String app) {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.put("kind", "Pod");
        ObjectNode meta = o.putObject("metadata");
        meta.put("name", name).put("namespace", ns).putObject("labels").put("app", app);
        if (ownerUid != null) {
            meta.putArray("ownerReferences").addObject().put("kind", "ReplicaSet").put("name", "rs").put("uid", ownerUid).put("controller", true);
        }
        if (node != null) o.putObject("spec").put("nodeName", node);
        return o;
    }

    static List<String> keys(List<CachedObject> objects) {
        return objects.stream().map(CachedObject::key).toList();
    }

    @Test
    void indexesFollowNodeNameControllerAndLabelsAcrossUpdatesAndDeletes() {
        WatchCache cache = new WatchCache(100);
        cache.apply("Pod|a/p1", 1, 1, new ObjectEvent.ObjectCreated(pod("a", "p1", null, "rs-1", "web")));
        cache.apply("Pod|b/p2", 1, 2, new ObjectEvent.ObjectCreated(pod("b", "p2", "n1", "rs-1", "web")));
        cache.apply("Pod|a/p3", 1, 3, new ObjectEvent.ObjectCreated(pod("a", "p3", "n2", null, "api")));
        assertThat(keys(cache.listByNode("Pod", "n1"))).containsExactly("b/p2");
        assertThat(keys(cache.listByOwner("Pod", "rs-1"))).containsExactly("a/p1", "b/p2");
        assertThat(keys(cache.list("Pod", null, List.of(Index.label("app", "web")), o -> true, 0, null).items())).containsExactly("a/p1", "b/p2");

        cache.apply("Pod|a/p1", 2, 4, new ObjectEvent.ObjectUpdated(pod("a", "p1", "n1", null, "api")));
        assertThat(keys(cache.listByNode("Pod", "n1"))).containsExactly("a/p1", "b/p2");
        assertThat(keys(cache.listByOwner("Pod", "rs-1"))).containsExactly("b/p2");
        assertThat(keys(cache.list("Pod", null, List.of(Index.label("app", "api")), o -> true, 0, null).items())).containsExactly("a/p1", "a/p3");

        cache.apply("Pod|b/p2", 2, 5, new ObjectEvent.ObjectDeleted(pod("b", "p2", "n1", "rs-1", "web")));
        assertThat(keys(cache.listByNode("Pod", "n1"))).containsExactly("a/p1");
        assertThat(cache.listByOwner("Pod", "rs-1")).isEmpty();
        assertThat(cache.list("Pod", null, List.of(Index.label("app", "web")), o -> true, 0, null).items()).isEmpty();
        assertThat(cache.listByNode("ConfigMap", "n1")).as("indexes are per kind").isEmpty();
    }

    @Test
    void aListThroughAnIndexKeepsNamespacesPredicatesAndPagingOfAFullList() {
        WatchCache cache = new WatchCache(100);
        for (int i = 0; i < 5; i++) {
            String ns = i % 2 == 0 ? "a" : "b";
            cache.apply("Pod|" + ns + "/p" + i, 1, i + 1, new ObjectEvent.ObjectCreated(pod(ns, "p" + i, "n1", null, "web")));
        }
        List<Index> smallestFirst = List.of(Index.label("app", "web"), Index.nodeName("n1"), Index.label("missing", "x"));
        assertThat(cache.list("Pod", null, smallestFirst, o -> true, 0, null).items()).as("an empty bucket means nothing matches").isEmpty();

        List<Index> byNode = List.of(Index.nodeName("n1"));
        ListResult first = cache.list("Pod", "a", byNode, o -> !o.at("/metadata/name").asText().equals("p2"), 1, null);
        assertThat(keys(first.items())).containsExactly("a/p0");
        assertThat(first.continueAfter()).isEqualTo("a/p0");
        assertThat(first.remaining()).isEqualTo(1);
        ListResult second = cache.list("Pod", "a", byNode, o -> !o.at("/metadata/name").asText().equals("p2"), 1, first.continueAfter());
        assertThat(keys(second.items())).containsExactly("a/p4");
        assertThat(second.continueAfter()).isNull();
    }
}
