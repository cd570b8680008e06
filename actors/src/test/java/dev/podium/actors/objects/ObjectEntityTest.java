package dev.podium.actors.objects;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.typesafe.config.ConfigFactory;
import dev.podium.actors.hints.Notification;
import dev.podium.actors.hints.Notifier;
import dev.podium.actors.hints.ObjectChanged;
import dev.podium.actors.kinds.KindBehaviors;
import dev.podium.model.api.ApiError;
import dev.podium.model.json.Json;
import dev.podium.model.kinds.KindRegistry;
import dev.podium.model.kinds.ResourceKind;
import dev.podium.model.patch.PatchType;
import dev.podium.persistence.events.ObjectEvent;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.persistence.testkit.javadsl.EventSourcedBehaviorTestKit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

class ObjectEntityTest {
    static final ActorTestKit testKit = ActorTestKit.create(EventSourcedBehaviorTestKit.config()
            .withFallback(ConfigFactory.parseResources("serialization.conf"))
            .withFallback(ConfigFactory.load()));
    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-01-02T03:04:05Z"), ZoneOffset.UTC);
    static final ResourceKind CONFIGMAP = KindRegistry.get("ConfigMap");
    static final ResourceKind POD = KindRegistry.get("Pod");

    EventSourcedBehaviorTestKit<ObjectCommand, ObjectEvent, ObjectState> configMap;
    final AtomicInteger uids = new AtomicInteger();

    @AfterAll
    static void stop() {
        testKit.shutdownTestKit();
    }

    @BeforeEach
    void setUp() {
        configMap = kit(CONFIGMAP, "default/cm");
    }

    EventSourcedBehaviorTestKit<ObjectCommand, ObjectEvent, ObjectState> kit(ResourceKind kind, String id) {
        return EventSourcedBehaviorTestKit.create(testKit.system(),
                ObjectEntity.create(kind, id, CLOCK, () -> "uid-" + uids.incrementAndGet(), KindBehaviors.of(kind)));
    }

    static ObjectNode cm(String name, String value) {
        ObjectNode o = Json.object();
        o.put("apiVersion", "v1").put("kind", "ConfigMap");
        o.putObject("metadata").put("name", name).put("namespace", "default");
        o.putObject("data").put("k", value);
        return o;
    }

    @Test
    void createSetsUidTimestampAndPersistsTheObject() {
        var result = configMap.<ObjectReply>runCommand(r -> new ObjectCommand.Create(cm("cm", "v1"), false, r));
        assertThat(result.event()).isInstanceOf(ObjectEvent.ObjectCreated.class);
        ObjectReply.Done done = (ObjectReply.Done) result.reply();
        assertThat(done.outcome()).isEqualTo(ObjectReply.Outcome.CREATED);
        assertThat(done.seqNr()).isEqualTo(1);
        assertThat(done.object().at("/metadata/uid").asText()).isEqualTo("uid-1");
        assertThat(done.object().at("/metadata/creationTimestamp").asText()).isEqualTo("2026-01-02T03:04:05Z");
        assertThat(done.object().at("/metadata/resourceVersion").isMissingNode()).isTrue();
    }

    @Test
    void theAfterDeleteHookRunsOnceTheDeletionIsJournaledNotBefore() {
        AtomicInteger passivations = new AtomicInteger();
        var entity = EventSourcedBehaviorTestKit.<ObjectCommand, ObjectEvent, ObjectState>create(testKit.system(),
                ObjectEntity.create(CONFIGMAP, "default/gone", CLOCK, () -> "uid-x", KindBehaviors.of(CONFIGMAP), Notifier.NONE,
                        passivations::incrementAndGet));
        entity.<ObjectReply>runCommand(r -> new ObjectCommand.Create(cm("gone", "v1"), false, r));
        entity.<ObjectReply>runCommand(r -> new ObjectCommand.Update(cm("gone", "v2"), 0, false, false, r));
        assertThat(passivations).hasValue(0);

        var deleted = entity.<ObjectReply>runCommand(r -> new ObjectCommand.Delete(0, "", 0, false, r));
        assertThat(deleted.event()).isInstanceOf(ObjectEvent.ObjectDeleted.class);
        assertThat(passivations).hasValue(1);
    }

    @Test
    void secondCreateIsAlreadyExistsAndWritesNothing() {
        configMap.<ObjectReply>runCommand(r -> new ObjectCommand.Create(cm("cm", "v1"), false, r));
        var result = configMap.<ObjectReply>runCommand(r -> new ObjectCommand.Create(cm("cm", "v2"), false, r));
        assertThat(result.hasNoEvents()).isTrue();
        assertThat(((ObjectReply.Rejected) result.reply()).error().reason()).isEqualTo("AlreadyExists");
        assertThat(((ObjectReply.Rejected) result.reply()).error().code()).isEqualTo(409);
    }

    @Test
    void updateWithStaleSequenceNumberIsConflict() {
        configMap.<ObjectReply>runCommand(r -> new ObjectCommand.Create(cm("cm", "v1"), false, r));
        configMap.<ObjectReply>runCommand(r -> new ObjectCommand.Update(cm("cm", "v2"), 1, false, false, r));
        var stale = configMap.<ObjectReply>runCommand(r -> new ObjectCommand.Update(cm("cm", "v3"), 1, false, false, r));
        assertThat(stale.hasNoEvents()).isTrue();
        assertThat(((ObjectReply.Rejected) stale.reply()).error().reason()).isEqualTo("Conflict");
        assertThat(configMap.getState().object().at("/data/k").asText()).isEqualTo("v2");
    }

    @Test
    void unchangedUpdateWritesNothing() {
        configMap.<ObjectReply>runCommand(r -> new ObjectCommand.Create(cm("cm", "v1"), false, r));
        var same = configMap.<ObjectReply>runCommand(r -> new ObjectCommand.Update(cm("cm", "v1"), 0, false, false, r));
        assertThat(same.hasNoEvents()).isTrue();
        assertThat(((ObjectReply.Done) same.reply()).outcome()).isEqualTo(ObjectReply.Outcome.UNCHANGED);
    }

    @Test
    void invalidObjectIsRejectedWith422AndNothingIsStored() {
        var result = configMap.<ObjectReply>runCommand(r -> new ObjectCommand.Create(cm("Bad_Name", "v1"), false, r));
        assertThat(result.hasNoEvents()).isTrue();
        var error = ((ObjectReply.Rejected) result.reply()).error();
        assertThat(error.code()).isEqualTo(422);
        assertThat(error.details().causes()).anySatisfy(c -> assertThat(c.field()).isEqualTo("metadata.name"));
        assertThat(configMap.getState().exists()).isFalse();
    }

    @Test
    void dryRunValidatesButPersistsNothing() {
        var result = configMap.<ObjectReply>runCommand(r -> new ObjectCommand.Create(cm("cm", "v1"), true, r));
        assertThat(result.hasNoEvents()).isTrue();
        assertThat(((ObjectReply.Done) result.reply()).outcome()).isEqualTo(ObjectReply.Outcome.DRY_RUN_CREATED);
        assertThat(configMap.getState().exists()).isFalse();
    }

    @Test
    void deleteWithFinalizersWaitsForThemThenDeletes() {
        ObjectNode withFinalizer = cm("cm", "v1");
        withFinalizer.with("metadata").putArray("finalizers").add("example.com/hold");
        configMap.<ObjectReply>runCommand(r -> new ObjectCommand.Create(withFinalizer, false, r));
        var deleting = configMap.<ObjectReply>runCommand(r -> new ObjectCommand.Delete(0, "", ObjectCommand.Delete.DEFAULT_GRACE, false, r));
        assertThat(((ObjectReply.Done) deleting.reply()).outcome()).isEqualTo(ObjectReply.Outcome.DELETING);
        assertThat(configMap.getState().object().at("/metadata/deletionTimestamp").asText()).isEqualTo("2026-01-02T03:04:05Z");

        ObjectNode release = Json.object();
        release.putObject("metadata").putNull("finalizers");
        var deleted = configMap.<ObjectReply>runCommand(r -> new ObjectCommand.Patch(PatchType.MERGE_PATCH.name(), release, 0, false, "", false, false, r));
        assertThat(deleted.event()).isInstanceOf(ObjectEvent.ObjectDeleted.class);
        assertThat(configMap.getState().exists()).isFalse();
    }

    @Test
    void deleteWithWrongUidPreconditionIsConflict() {
        configMap.<ObjectReply>runCommand(r -> new ObjectCommand.Create(cm("cm", "v1"), false, r));
        var result = configMap.<ObjectReply>runCommand(r -> new ObjectCommand.Delete(0, "other-uid", ObjectCommand.Delete.DEFAULT_GRACE, false, r));
        assertThat(result.hasNoEvents()).isTrue();
        assertThat(((ObjectReply.Rejected) result.reply()).error().message()).contains("Precondition failed: UID in precondition: other-uid");
    }

    @Test
    void statusWritesLeaveSpecAndGenerationAloneWhileSpecWritesBumpGeneration() {
        var pod = kit(POD, "default/p");
        ObjectNode p = Json.object();
        p.put("apiVersion", "v1").put("kind", "Pod");
        p.putObject("metadata").put("name", "p").put("namespace", "default");
        p.putObject("spec").putArray("containers").addObject().put("name", "c").put("image", "busybox:1");
        pod.<ObjectReply>runCommand(r -> new ObjectCommand.Create(p, false, r));
        assertThat(pod.getState().object().at("/metadata/generation").asLong()).isEqualTo(1);

        ObjectNode status = pod.getState().object().deepCopy();
        status.with("status").put("phase", "Running");
        ((ObjectNode) status.at("/spec/containers/0")).put("image", "ignored:2");
        pod.<ObjectReply>runCommand(r -> new ObjectCommand.Update(status, 0, true, false, r));
        assertThat(pod.getState().object().at("/status/phase").asText()).isEqualTo("Running");
        assertThat(pod.getState().object().at("/spec/containers/0/image").asText()).isEqualTo("busybox:1");
        assertThat(pod.getState().object().at("/metadata/generation").asLong()).isEqualTo(1);

        ObjectNode spec = pod.getState().object().deepCopy();
        ((ObjectNode) spec.at("/spec/containers/0")).put("image", "busybox:2");
        spec.with("status").put("phase", "Ignored");
        pod.<ObjectReply>runCommand(r -> new ObjectCommand.Update(spec, 0, false, false, r));
        assertThat(pod.getState().object().at("/spec/containers/0/image").asText()).isEqualTo("busybox:2");
        assertThat(pod.getState().object().at("/status/phase").asText()).isEqualTo("Running");
        assertThat(pod.getState().object().at("/metadata/generation").asLong()).isEqualTo(2);
    }

    @Test
    void stateIsRecoveredFromTheJournalOnRestart() {
        configMap.<ObjectReply>runCommand(r -> new ObjectCommand.Create(cm("cm", "v1"), false, r));
        configMap.<ObjectReply>runCommand(r -> new ObjectCommand.Update(cm("cm", "v2"), 0, false, false, r));
        ObjectState before = configMap.getState();
        var restarted = configMap.restart();
        assertThat(restarted.state()).isEqualTo(before);
        assertThat(restarted.state().seqNr()).isEqualTo(2);
    }

    static ObjectNode pod(String name) {
        ObjectNode p = Json.object();
        p.put("apiVersion", "v1").put("kind", "Pod");
        p.putObject("metadata").put("name", name).put("namespace", "default");
        p.putObject("spec").put("terminationGracePeriodSeconds", 20).putArray("containers").addObject().put("name", "c").put("image", "busybox:1");
        return p;
    }

    @Test
    void aPodIsBoundOnceAndASecondBindingIsRefused() {
        var pod = kit(POD, "default/b");
        pod.<ObjectReply>runCommand(r -> new ObjectCommand.Create(pod("b"), false, r));
        var bound = pod.<ObjectReply>runCommand(r -> new ObjectCommand.Bind("node-1", "", r));
        assertThat(bound.event()).isInstanceOf(ObjectEvent.ObjectUpdated.class);
        assertThat(pod.getState().object().at("/spec/nodeName").asText()).isEqualTo("node-1");
        assertThat(PodConditions.status(pod.getState().object(), "PodScheduled")).isEqualTo("True");
        var again = pod.<ObjectReply>runCommand(r -> new ObjectCommand.Bind("node-2", "", r));
        assertThat(again.hasNoEvents()).isTrue();
        assertThat(((ObjectReply.Rejected) again.reply()).error().message()).contains("is already assigned to node \"node-1\"");
    }

    @Test
    void aBindingForAnotherUidIsRefusedAndBindsNothing() {
        var pod = kit(POD, "default/u");
        pod.<ObjectReply>runCommand(r -> new ObjectCommand.Create(pod("u"), false, r));
        String uid = pod.getState().object().at("/metadata/uid").asText();
        var stale = pod.<ObjectReply>runCommand(r -> new ObjectCommand.Bind("node-1", "uid-of-an-earlier-pod", r));
        assertThat(stale.hasNoEvents()).isTrue();
        ApiError error = ((ObjectReply.Rejected) stale.reply()).error();
        assertThat(error.code()).isEqualTo(409);
        assertThat(error.message()).contains("Precondition failed: UID in precondition: uid-of-an-earlier-pod, UID in object meta: " + uid);
        var right = pod.<ObjectReply>runCommand(r -> new ObjectCommand.Bind("node-1", uid, r));
        assertThat(right.event()).isInstanceOf(ObjectEvent.ObjectUpdated.class);
    }

    @Test
    void aBoundPodIsDeletedGracefullyAndAnUnboundOneAtOnce() {
        var bound = kit(POD, "default/g");
        bound.<ObjectReply>runCommand(r -> new ObjectCommand.Create(pod("g"), false, r));
        bound.<ObjectReply>runCommand(r -> new ObjectCommand.Bind("node-1", "", r));
        var marked = bound.<ObjectReply>runCommand(r -> new ObjectCommand.Delete(0, "", ObjectCommand.Delete.DEFAULT_GRACE, false, r));
        assertThat(((ObjectReply.Done) marked.reply()).outcome()).isEqualTo(ObjectReply.Outcome.DELETING);
        assertThat(bound.getState().object().at("/metadata/deletionGracePeriodSeconds").asLong()).isEqualTo(20);
        assertThat(bound.getState().object().at("/metadata/deletionTimestamp").asText()).isEqualTo("2026-01-02T03:04:25Z");
        ObjectNode status = Json.object();
        status.putObject("status").put("phase", "Running");
        var during = bound.<ObjectReply>runCommand(r -> new ObjectCommand.Patch(PatchType.MERGE_PATCH.name(), status, 0, true, "", false, false, r));
        assertThat(during.event()).as("a write during the grace period must not finish the deletion").isInstanceOf(ObjectEvent.ObjectUpdated.class);
        assertThat(bound.getState().exists()).isTrue();
        var forced = bound.<ObjectReply>runCommand(r -> new ObjectCommand.Delete(0, "", 0, false, r));
        assertThat(forced.event()).isInstanceOf(ObjectEvent.ObjectDeleted.class);

        var unbound = kit(POD, "default/u");
        unbound.<ObjectReply>runCommand(r -> new ObjectCommand.Create(pod("u"), false, r));
        var deleted = unbound.<ObjectReply>runCommand(r -> new ObjectCommand.Delete(0, "", ObjectCommand.Delete.DEFAULT_GRACE, false, r));
        assertThat(deleted.event()).isInstanceOf(ObjectEvent.ObjectDeleted.class);
    }

    @Test
    void anApplyWithoutANamespaceCreatesTheObjectInTheEntitysNamespaceWithoutOwningIt() {
        ObjectNode applied = Json.object();
        applied.put("apiVersion", "v1").put("kind", "ConfigMap");
        applied.putObject("metadata").put("name", "cm");
        applied.putObject("data").put("k", "v");
        var result = configMap.<ObjectReply>runCommand(r -> new ObjectCommand.Patch(PatchType.APPLY_PATCH.name(), applied, 0, false, "me", false, false, r));
        ObjectReply.Done done = (ObjectReply.Done) result.reply();
        assertThat(done.outcome()).isEqualTo(ObjectReply.Outcome.CREATED);
        assertThat(done.object().at("/metadata/namespace").asText()).isEqualTo("default");
        assertThat(done.object().at("/metadata/managedFields/0/fieldsV1/f:metadata").has("f:namespace")).isFalse();
    }

    @Test
    void anApplyOrPatchNamingAnotherNamespaceIsABadRequest() {
        ObjectNode applied = cm("cm", "v");
        applied.with("metadata").put("namespace", "other");
        var apply = configMap.<ObjectReply>runCommand(r -> new ObjectCommand.Patch(PatchType.APPLY_PATCH.name(), applied, 0, false, "me", false, false, r));
        assertThat(apply.hasNoEvents()).isTrue();
        ApiError error = ((ObjectReply.Rejected) apply.reply()).error();
        assertThat(error.code()).isEqualTo(400);
        assertThat(error.message()).isEqualTo("the namespace of the provided object does not match the namespace sent on the request");

        configMap.<ObjectReply>runCommand(r -> new ObjectCommand.Create(cm("cm", "v"), false, r));
        ObjectNode moved = Json.object();
        moved.putObject("metadata").put("namespace", "other");
        var patch = configMap.<ObjectReply>runCommand(r -> new ObjectCommand.Patch(PatchType.MERGE_PATCH.name(), moved, 0, false, "", false, false, r));
        assertThat(patch.hasNoEvents()).isTrue();
        assertThat(((ObjectReply.Rejected) patch.reply()).error().code()).isEqualTo(400);
    }

    @Test
    void aStatusPatchForAnotherPodUidIsRefused() {
        var pod = kit(POD, "default/s");
        pod.<ObjectReply>runCommand(r -> new ObjectCommand.Create(pod("s"), false, r));
        ObjectNode patch = Json.object();
        patch.putObject("metadata").put("uid", "some-other-uid");
        patch.putObject("status").put("phase", "Running");
        var result = pod.<ObjectReply>runCommand(r -> new ObjectCommand.Patch(PatchType.MERGE_PATCH.name(), patch, 0, true, "", false, false, r));
        assertThat(result.hasNoEvents()).isTrue();
        assertThat(((ObjectReply.Rejected) result.reply()).error().code()).isEqualTo(409);
    }

    @Test
    void thousandsOfChildHintsArrivingDuringWritesAreRelayedWithoutWaitingInTheStash() {
        List<Notification> heard = new CopyOnWriteArrayList<>();
        var owner = testKit.spawn(ObjectEntity.create(CONFIGMAP, "default/owner", CLOCK, () -> "uid-owner", KindBehaviors.of(CONFIGMAP),
                heard::addAll, () -> { }));
        var replies = testKit.<ObjectReply>createTestProbe();
        ObjectChanged orphan = new ObjectChanged("ConfigMap", "default/child", cm("child", "x"), 1, false);
        // the first hints come while the entity recovers
        for (int i = 0; i < 1000; i++) owner.tell(new ObjectCommand.ChildChanged(orphan, "another-owner"));
        owner.tell(new ObjectCommand.Create(cm("owner", "0"), false, replies.ref()));
        replies.expectMessageClass(ObjectReply.Done.class);
        for (int round = 1; round <= 10; round++) {
            owner.tell(new ObjectCommand.Update(cm("owner", String.valueOf(round)), 0, false, false, replies.ref()));
            for (int i = 0; i < 1000; i++) owner.tell(new ObjectCommand.ChildChanged(orphan, "another-owner"));
        }
        for (int round = 1; round <= 10; round++) replies.expectMessageClass(ObjectReply.Done.class);
        owner.tell(new ObjectCommand.Get(replies.ref()));
        assertThat(replies.expectMessageClass(ObjectReply.Done.class).object().at("/data/k").asText()).isEqualTo("10");
        assertThat(heard.stream().filter(n -> n instanceof Notification.ToGarbageCollector)).as("one garbage collector hint per hint of a child of another owner")
                .hasSize(11_000);
    }

    @Test
    void hintsGoOutOnceAWriteIsJournaledAndNeverForDryRunsRefusalsOrFailedWrites() {
        List<Notification> heard = new CopyOnWriteArrayList<>();
        var entity = EventSourcedBehaviorTestKit.<ObjectCommand, ObjectEvent, ObjectState>create(testKit.system(),
                ObjectEntity.create(POD, "default/h", CLOCK, () -> "uid-h", KindBehaviors.of(POD), heard::addAll, () -> { }));
        entity.<ObjectReply>runCommand(r -> new ObjectCommand.Create(pod("h"), true, r));
        assertThat(heard).as("a dry run").isEmpty();

        var created = entity.<ObjectReply>runCommand(r -> new ObjectCommand.Create(pod("h"), false, r));
        assertThat(heard).extracting(n -> n.getClass().getSimpleName()).containsExactly("ToScheduler", "ToDisruptionBudgets", "ToServices");
        assertThat(heard.get(0)).isInstanceOfSatisfying(Notification.ToScheduler.class, n -> {
            assertThat(n.change().seqNr()).isEqualTo(((ObjectReply.Done) created.reply()).seqNr());
            assertThat(n.change().object()).isEqualTo(((ObjectReply.Done) created.reply()).object());
            assertThat(n.change().key()).isEqualTo("default/h");
        });
        entity.<ObjectReply>runCommand(r -> new ObjectCommand.Create(pod("h"), false, r));
        assertThat(heard).as("an AlreadyExists refusal").hasSize(3);

        entity.persistenceTestKit().failNextPersisted();
        var probe = testKit.<ObjectReply>createTestProbe();
        entity.runCommand(new ObjectCommand.Bind("n1", "", probe.ref()));
        assertThat(heard).as("a write the journal refused").hasSize(3);
    }

    @Test
    void aChildsHintIsAcceptedWithoutAnswerAndWritesNothing() {
        configMap.<ObjectReply>runCommand(r -> new ObjectCommand.Create(cm("cm", "v1"), false, r));
        var result = configMap.runCommand(new ObjectCommand.ChildChanged(new ObjectChanged("Pod", "default/p", pod("p"), 1, false), "uid-1"));
        assertThat(result.hasNoEvents()).isTrue();
    }

    @Test
    void aStoredWriteIsConfirmedToTheJournalCountAndOneTheJournalFailsIsNot() {
        JournalWrites journal = JournalWrites.get(testKit.system());
        int before = journal.load().waiting();
        configMap.<ObjectReply>runCommand(r -> new ObjectCommand.Create(cm("cm", "v1"), false, r));
        assertThat(journal.load().waiting()).isEqualTo(before);
        configMap.persistenceTestKit().failNextPersisted();
        configMap.runCommand(new ObjectCommand.Update(cm("cm", "v2"), 0, false, false, testKit.<ObjectReply>createTestProbe().ref()));
        assertThat(journal.load().waiting()).isEqualTo(before + 1);
    }
}
