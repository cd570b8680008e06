package dev.podium.actors.services;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.typesafe.config.ConfigFactory;
import dev.podium.actors.objects.ObjectCommand;
import dev.podium.actors.objects.ObjectEntity;
import dev.podium.actors.objects.ObjectReply;
import dev.podium.actors.services.Allocation;
import dev.podium.model.api.ApiException;
import dev.podium.model.json.Json;
import dev.podium.model.kinds.KindRegistry;
import dev.podium.model.kinds.ResourceKind;
import dev.podium.model.patch.PatchType;
import dev.podium.persistence.events.ObjectEvent;
import dev.podium.persistence.watch.WatchCache;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.persistence.testkit.javadsl.EventSourcedBehaviorTestKit;
import org.apache.pekko.persistence.testkit.javadsl.PersistenceTestKit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Random;
import java.util.concurrent.CompletionException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/** The allocator against real object entities (in-memory journal); the cache is empty unless a test fills it. */
class ServiceAllocatorTest {
    static final ActorTestKit kit = ActorTestKit.create(EventSourcedBehaviorTestKit.config()
            .withFallback(ConfigFactory.parseResources("serialization.conf")).withFallback(ConfigFactory.load()));
    static final ResourceKind SERVICE = KindRegistry.get("Service");
    static final long SEED = 7;

    SpawnedEntities entities;
    WatchCache cache;

    @AfterAll
    static void stop() {
        kit.shutdownTestKit();
    }

    @BeforeEach
    void setUp() {
        PersistenceTestKit.create(kit.system()).clearAll();
        entities = new SpawnedEntities(kit);
        cache = new WatchCache(100);
        cache.markReady();
    }

    @AfterEach
    void tearDown() {
        entities.stopAll();
    }

    ServiceAllocator allocator() {
        return new ServiceAllocator(entities, cache, new Random(SEED));
    }

    static ObjectNode json(String singleQuoted) {
        return Json.parseObject(singleQuoted.replace('\'', '"').getBytes(StandardCharsets.UTF_8), false);
    }

    static ObjectNode service(String name, String spec) {
        return json("{'apiVersion':'v1','kind':'Service','metadata':{'namespace':'default','name':'" + name + "'},'spec':" + spec + "}");
    }

    static ObjectReply create(ServiceAllocator allocator, ObjectNode service) {
        String id = "default/" + service.at("/metadata/name").asText();
        return allocator.write(id, 0, (seq, dryRun) -> r -> new ObjectCommand.Create(service, dryRun, r)).toCompletableFuture().join();
    }

    static ObjectReply mergePatch(ServiceAllocator allocator, String name, long expectedSeqNr, String patch) {
        return allocator.write("default/" + name, expectedSeqNr, (seq, dryRun) -> r -> new ObjectCommand.Patch(PatchType.MERGE_PATCH.name(),
                json(patch), seq, false, "", false, dryRun, r)).toCompletableFuture().join();
    }

    static ObjectNode stored(ObjectReply reply) {
        assertThat(reply).isInstanceOf(ObjectReply.Done.class);
        return ((ObjectReply.Done) reply).object();
    }

    /** Who holds the claim object of {@code a}, or "" when there is none. */
    String holderOf(Allocation a) {
        return entities.get(a.claimKind(), a.claimId()).map(o -> a instanceof Allocation.ClusterIP
                ? o.at("/spec/parentRef/namespace").asText() + "/" + o.at("/spec/parentRef/name").asText()
                : o.at("/spec/holderIdentity").asText()).orElse("");
    }

    static Allocation.ClusterIP ip(JsonNode service) {
        return new Allocation.ClusterIP(service.at("/spec/clusterIP").asText());
    }

    static Allocation.NodePort nodePort(JsonNode service, int port) {
        return new Allocation.NodePort(service.at("/spec/ports/" + port + "/nodePort").asInt());
    }

    static ApiException failure(Runnable call) {
        Throwable t = catchThrowable(call::run);
        assertThat(t).isInstanceOf(CompletionException.class);
        assertThat(t.getCause()).isInstanceOf(ApiException.class);
        return (ApiException) t.getCause();
    }

    @Test
    void aCreateIsStoredWithItsPicksFilledInAndEachClaimed() {
        ObjectNode web = stored(create(allocator(), service("web", "{'type':'NodePort','ports':[{'name':'http','port':80},{'name':'https','port':443}]}")));
        assertThat(web.at("/spec/clusterIPs/0").asText()).isEqualTo(web.at("/spec/clusterIP").asText());
        assertThat(ServiceRanges.contains(ip(web))).isTrue();
        assertThat(holderOf(ip(web))).isEqualTo("default/web");
        assertThat(holderOf(nodePort(web, 0))).isEqualTo("services/default/web");
        assertThat(holderOf(nodePort(web, 1))).isEqualTo("services/default/web");
        assertThat(nodePort(web, 0)).isNotEqualTo(nodePort(web, 1));
        ObjectNode claim = entities.get(Allocation.IP_ADDRESS, ip(web).ip()).orElseThrow();
        assertThat(claim.at("/metadata/labels/ipaddress.kubernetes.io~1managed-by").asText()).isEqualTo("ipallocator.k8s.io");
    }

    @Test
    void twoAllocatorsOfferingTheSameCandidatesGetDistinctValuesThroughTheClaims() {
        Random expected = new Random(SEED);
        Allocation.ClusterIP first = ServiceRanges.randomClusterIP(expected);
        Allocation.ClusterIP second = ServiceRanges.randomClusterIP(expected);
        ObjectNode a = stored(create(allocator(), service("a", "{'type':'NodePort','ports':[{'port':80}]}")));
        ObjectNode b = stored(create(allocator(), service("b", "{'type':'NodePort','ports':[{'port':80}]}")));
        assertThat(ip(a)).isEqualTo(first);
        // b's allocator tried the same first candidate, found it claimed, and took its next draw
        assertThat(ip(b)).isEqualTo(second);
        assertThat(nodePort(a, 0)).isNotEqualTo(nodePort(b, 0));
        assertThat(holderOf(nodePort(b, 0))).isEqualTo("services/default/b");
    }

    @Test
    void aRequestedClusterIpThatIsTakenIs422() {
        create(allocator(), service("a", "{'type':'ClusterIP','clusterIP':'10.96.0.10','ports':[{'port':80}]}"));
        ApiException e = failure(() -> create(allocator(), service("b", "{'type':'ClusterIP','clusterIP':'10.96.0.10','ports':[{'port':80}]}")));
        assertThat(e.error().code()).isEqualTo(422);
        assertThat(e.error().details().causes()).extracting(c -> c.field() + ": " + c.message())
                .containsExactly("spec.clusterIP: Invalid value: \"10.96.0.10\": provided IP is already allocated");
        assertThat(entities.get(SERVICE, "default/b")).isEmpty();
        assertThat(holderOf(new Allocation.ClusterIP("10.96.0.10"))).isEqualTo("default/a");
    }

    @Test
    void aTakenRequestedNodePortIs422AndUndoesWhatTheWriteHadClaimed() {
        create(allocator(), service("a", "{'type':'NodePort','ports':[{'port':80,'nodePort':30080}]}"));
        ApiException e = failure(() -> create(allocator(), service("b", "{'type':'NodePort','clusterIP':'10.96.0.11','ports':[{'port':80,'nodePort':30080}]}")));
        assertThat(e.error().details().causes()).extracting(c -> c.field() + ": " + c.message())
                .containsExactly("spec.ports[0].nodePort: Invalid value: 30080: provided port is already allocated");
        assertThat(holderOf(new Allocation.ClusterIP("10.96.0.11"))).isEmpty();
        assertThat(holderOf(new Allocation.NodePort(30080))).isEqualTo("services/default/a");
    }

    @Test
    void aValueTheCacheShowsAServiceHoldingIsTakenEvenWithoutAClaim() {
        ObjectNode legacy = service("legacy", "{'type':'ClusterIP','clusterIP':'10.96.0.20','clusterIPs':['10.96.0.20'],'ports':[{'port':80}]}");
        cache.apply(ObjectEntity.persistenceId(SERVICE, "default/legacy"), 1, 1, new ObjectEvent.ObjectCreated(legacy));
        ApiException e = failure(() -> create(allocator(), service("new", "{'type':'ClusterIP','clusterIP':'10.96.0.20','ports':[{'port':80}]}")));
        assertThat(e.error().details().causes().get(0).message()).endsWith("provided IP is already allocated");
        assertThat(holderOf(new Allocation.ClusterIP("10.96.0.20"))).isEmpty();
    }

    @Test
    void aCreateThatLosesTheRaceForItsNameReleasesWhatItClaimed() {
        Random expected = new Random(SEED);
        Allocation.ClusterIP picked = ServiceRanges.randomClusterIP(expected);
        Allocation.NodePort port = ServiceRanges.randomNodePort(expected);
        entities.slipIn(c -> c instanceof ObjectCommand.Create create && !create.dryRun() && create.object().at("/kind").asText().equals("Service"),
                () -> entities.ask(SERVICE, "default/web", r -> new ObjectCommand.Create(service("web", "{'type':'ExternalName','externalName':'x.example.com'}"), false, r)));
        ObjectReply reply = create(allocator(), service("web", "{'type':'NodePort','ports':[{'port':80}]}"));
        assertThat(reply).isInstanceOfSatisfying(ObjectReply.Rejected.class, r -> assertThat(r.error().reason()).isEqualTo("AlreadyExists"));
        assertThat(holderOf(picked)).isEmpty();
        assertThat(holderOf(port)).isEmpty();
        assertThat(entities.get(SERVICE, "default/web").orElseThrow().at("/spec/type").asText()).isEqualTo("ExternalName");
    }

    @Test
    void anUpdateThatLosesARaceStartsOverAndKeepsOnlyTheClaimsOfTheAttemptThatLanded() {
        Random expected = new Random(SEED);
        ServiceRanges.randomClusterIP(expected);
        Allocation.NodePort lost = ServiceRanges.randomNodePort(expected);
        Allocation.NodePort landed = ServiceRanges.randomNodePort(expected);
        ServiceAllocator allocator = allocator();
        create(allocator, service("web", "{'type':'ClusterIP','ports':[{'port':80}]}"));
        entities.slipIn(c -> c instanceof ObjectCommand.Update update && !update.dryRun(),
                () -> entities.ask(SERVICE, "default/web", r -> new ObjectCommand.Patch(PatchType.MERGE_PATCH.name(),
                        json("{'metadata':{'labels':{'touched':'yes'}}}"), 0, false, "", false, false, r)));
        ObjectNode web = stored(mergePatch(allocator, "web", 0, "{'spec':{'type':'NodePort'}}"));
        assertThat(nodePort(web, 0)).isEqualTo(landed);
        assertThat(web.at("/metadata/labels/touched").asText()).isEqualTo("yes");
        assertThat(holderOf(landed)).isEqualTo("services/default/web");
        assertThat(holderOf(lost)).isEmpty();
    }

    @Test
    void aStaleResourceVersionOfTheClientIsAConflictAndClaimsNothing() {
        ServiceAllocator allocator = allocator();
        long seqNr = ((ObjectReply.Done) create(allocator, service("web", "{'type':'ClusterIP','ports':[{'port':80}]}"))).seqNr();
        mergePatch(allocator, "web", 0, "{'metadata':{'labels':{'a':'b'}}}");
        ObjectReply reply = mergePatch(allocator, "web", seqNr, "{'spec':{'type':'NodePort','ports':[{'port':80,'nodePort':30090}]}}");
        assertThat(reply).isInstanceOfSatisfying(ObjectReply.Rejected.class, r -> assertThat(r.error().reason()).isEqualTo("Conflict"));
        assertThat(holderOf(new Allocation.NodePort(30090))).isEmpty();
    }

    @Test
    void nodePortToClusterIpReleasesTheNodePortsAndKeepsTheIp() {
        ServiceAllocator allocator = allocator();
        create(allocator, service("web", "{'type':'NodePort','clusterIP':'10.96.0.30','ports':[{'port':80,'nodePort':30080}]}"));
        ObjectNode web = stored(mergePatch(allocator, "web", 0, "{'spec':{'type':'ClusterIP'}}"));
        assertThat(web.at("/spec/ports/0/nodePort").isMissingNode()).isTrue();
        assertThat(holderOf(new Allocation.NodePort(30080))).isEmpty();
        assertThat(holderOf(new Allocation.ClusterIP("10.96.0.30"))).isEqualTo("default/web");
    }

    @Test
    void serverSideApplyThatCreatesTheServiceClaimsLikeACreate() {
        ObjectNode applied = service("web", "{'type':'NodePort','ports':[{'port':80,'nodePort':30070}]}");
        ObjectReply reply = allocator().write("default/web", 0, (seq, dryRun) -> r -> new ObjectCommand.Patch(PatchType.APPLY_PATCH.name(),
                applied, seq, false, "kubectl", false, dryRun, r)).toCompletableFuture().join();
        ObjectNode web = stored(reply);
        assertThat(((ObjectReply.Done) reply).outcome()).isEqualTo(ObjectReply.Outcome.CREATED);
        assertThat(web.at("/metadata/managedFields/0/manager").asText()).isEqualTo("kubectl");
        assertThat(holderOf(ip(web))).isEqualTo("default/web");
        assertThat(holderOf(new Allocation.NodePort(30070))).isEqualTo("services/default/web");
    }

    @Test
    void deletingTheServiceReleasesEverythingItHeld() {
        ServiceAllocator allocator = allocator();
        ObjectNode web = stored(create(allocator, service("web", "{'type':'NodePort','ports':[{'port':80}]}")));
        ObjectReply deleted = entities.ask(SERVICE, "default/web", r -> new ObjectCommand.Delete(0, "", ObjectCommand.Delete.DEFAULT_GRACE, false, r))
                .thenCompose(allocator::deleted).toCompletableFuture().join();
        assertThat(((ObjectReply.Done) deleted).outcome()).isEqualTo(ObjectReply.Outcome.DELETED);
        assertThat(holderOf(ip(web))).isEmpty();
        assertThat(holderOf(nodePort(web, 0))).isEmpty();
    }
}
