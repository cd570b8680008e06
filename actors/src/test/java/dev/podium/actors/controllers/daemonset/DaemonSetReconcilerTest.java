package dev.podium.actors.controllers.daemonset;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.podium.actors.controllers.Action;
import dev.podium.actors.controllers.ControllerRevisions;
import dev.podium.actors.controllers.Fixtures;
import dev.podium.actors.controllers.Plan;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static dev.podium.actors.controllers.Fixtures.actions;
import static dev.podium.actors.controllers.Fixtures.ago;
import static dev.podium.actors.controllers.Fixtures.created;
import static dev.podium.actors.controllers.Fixtures.deleted;
import static dev.podium.actors.controllers.Fixtures.json;
import static dev.podium.actors.controllers.Fixtures.observe;
import static dev.podium.actors.controllers.Fixtures.status;
import static dev.podium.actors.controllers.Fixtures.yaml;
import static org.assertj.core.api.Assertions.assertThat;

class DaemonSetReconcilerTest {
    static final DaemonSetReconciler R = new DaemonSetReconciler();
    static final String REVISION = "ControllerRevision.apps";

    /** DaemonSet agent (app=agent) with {@code template} spec fields beside its container, RollingUpdate with maxUnavailable {@code maxUnavailable}. */
    static ObjectNode daemonSet(String maxUnavailable, String templateSpec) {
        ObjectNode ds = Fixtures.object("apps/v1", "DaemonSet", "agent", """
                selector: {matchLabels: {app: agent}}
                updateStrategy: {type: RollingUpdate, rollingUpdate: {maxUnavailable: %s, maxSurge: 0}}
                template:
                  metadata: {labels: {app: agent}}
                  spec: {containers: [{name: main, image: 'agent:1'}]}
                """.formatted(maxUnavailable));
        if (!templateSpec.isBlank()) yaml(templateSpec).fields().forEachRemaining(e -> ds.with("spec").with("template").with("spec").set(e.getKey(), e.getValue()));
        return ds;
    }

    static ObjectNode revision(ObjectNode ds) {
        ObjectNode r = ControllerRevisions.create(ds, List.of());
        r.with("metadata").put("uid", r.at("/metadata/name").asText() + "-uid");
        return r;
    }

    static ObjectNode node(String name, String... labels) {
        ObjectNode n = Fixtures.object("v1", "Node", name, "{}");
        ObjectNode l = n.with("metadata").putObject("labels").put("kubernetes.io/hostname", name);
        for (int i = 0; i < labels.length; i += 2) l.put(labels[i], labels[i + 1]);
        return n;
    }

    static ObjectNode tainted(ObjectNode node, String key, String effect) {
        node.with("spec").withArray("taints").addObject().put("key", key).put("effect", effect);
        return node;
    }

    static Fixtures.PodBuilder pod(String name, ObjectNode ds, String node, String hash) {
        return Fixtures.pod(name).labels("app", "agent", ControllerRevisions.HASH_LABEL, hash).owner(ds).node(node);
    }

    static Plan reconcile(ObjectNode ds, List<ObjectNode> nodes, ObjectNode... pods) {
        return R.reconcile(observe(ds).owned(REVISION, revision(ds)).owned("Pod", pods).nodes(nodes.toArray(ObjectNode[]::new)).build());
    }

    @Test
    void onePodPinnedToEachEligibleNode() {
        ObjectNode ds = daemonSet("1", """
                nodeSelector: {disk: ssd}
                tolerations: [{key: node.kubernetes.io/unschedulable, operator: Exists, effect: NoSchedule}]
                affinity:
                  nodeAffinity:
                    requiredDuringSchedulingIgnoredDuringExecution:
                      nodeSelectorTerms: [{matchExpressions: [{key: disk, operator: Exists}]}]
                    preferredDuringSchedulingIgnoredDuringExecution:
                    - {weight: 1, preference: {matchExpressions: [{key: zone, operator: In, values: [a]}]}}
                """);
        Plan plan = reconcile(ds, List.of(node("n1", "disk", "ssd"), node("n2", "disk", "ssd"), node("n3", "disk", "hdd")));

        List<ObjectNode> pods = created(plan, "Pod");
        assertThat(pods).extracting(p -> p.at("/spec/nodeName").asText()).containsExactlyInAnyOrder("n1", "n2");
        ObjectNode onN1 = pods.stream().filter(p -> p.at("/spec/nodeName").asText().equals("n1")).findFirst().orElseThrow();
        assertThat(json(onN1)).isEqualTo(yaml("""
                apiVersion: v1
                kind: Pod
                metadata:
                  generateName: agent-
                  namespace: ns
                  labels: {app: agent, controller-revision-hash: '%s', pod-template-generation: '1'}
                  ownerReferences:
                  - {apiVersion: apps/v1, kind: DaemonSet, name: agent, uid: agent-uid, controller: true, blockOwnerDeletion: true}
                spec:
                  containers: [{name: main, image: 'agent:1'}]
                  nodeSelector: {disk: ssd}
                  tolerations:
                  - {key: node.kubernetes.io/unschedulable, operator: Exists, effect: NoSchedule}
                  - {key: node.kubernetes.io/not-ready, operator: Exists, effect: NoExecute}
                  - {key: node.kubernetes.io/unreachable, operator: Exists, effect: NoExecute}
                  - {key: node.kubernetes.io/disk-pressure, operator: Exists, effect: NoSchedule}
                  - {key: node.kubernetes.io/memory-pressure, operator: Exists, effect: NoSchedule}
                  - {key: node.kubernetes.io/pid-pressure, operator: Exists, effect: NoSchedule}
                  affinity:
                    nodeAffinity:
                      requiredDuringSchedulingIgnoredDuringExecution:
                        nodeSelectorTerms: [{matchFields: [{key: metadata.name, operator: In, values: [n1]}]}]
                      preferredDuringSchedulingIgnoredDuringExecution:
                      - {weight: 1, preference: {matchExpressions: [{key: zone, operator: In, values: [a]}]}}
                  nodeName: n1
                """.formatted(ControllerRevisions.hash(ds))));
    }

    @Test
    void hostNetworkPodsAlsoTolerateAnUnavailableNetwork() {
        Plan plan = reconcile(daemonSet("1", "hostNetwork: true"), List.of(node("n1")));
        assertThat(created(plan, "Pod")).singleElement().satisfies(p -> assertThat(p.at("/spec/tolerations")).contains(yaml(
                "{key: node.kubernetes.io/network-unavailable, operator: Exists, effect: NoSchedule}")));
    }

    @ParameterizedTest(name = "{0} {1}, tolerated: {2}, pod there: {3}")
    @CsvSource({
            "dedicated, NoSchedule, false, false, false, false",
            "dedicated, NoSchedule, false, true, false, false",
            "dedicated, NoExecute, false, true, false, true",
            "dedicated, NoExecute, false, false, false, false",
            "dedicated, NoSchedule, true, false, true, false",
            "dedicated, NoExecute, true, true, false, false",
            "dedicated, PreferNoSchedule, false, false, true, false",
            "node.kubernetes.io/not-ready, NoExecute, false, false, true, false",
            "node.kubernetes.io/unschedulable, NoSchedule, false, false, true, false"})
    void taints(String key, String effect, boolean tolerated, boolean podThere, boolean creates, boolean deletes) {
        ObjectNode ds = daemonSet("1", tolerated ? "tolerations: [{key: dedicated, operator: Exists}]" : "");
        List<ObjectNode> pods = podThere ? List.of(pod("agent-a", ds, "n1", ControllerRevisions.hash(ds)).ready(ago(100)).build()) : List.of();
        Plan plan = reconcile(ds, List.of(tainted(node("n1"), key, effect)), pods.toArray(ObjectNode[]::new));
        assertThat(created(plan, "Pod")).hasSize(creates ? 1 : 0);
        assertThat(deleted(plan)).isEqualTo(deletes ? List.of("ns/agent-a") : List.of());
    }

    @Test
    void aPodOnANodeThatIsGoneIsDeleted() {
        ObjectNode ds = daemonSet("1", "");
        String hash = ControllerRevisions.hash(ds);
        Plan plan = reconcile(ds, List.of(node("n1")), pod("agent-a", ds, "n1", hash).ready(ago(100)).build(), pod("agent-b", ds, "gone", hash).build());
        assertThat(deleted(plan)).containsExactly("ns/agent-b");
        assertThat(created(plan, "Pod")).isEmpty();
    }

    @Test
    void aFailedPodIsDeletedToBeReplaced() {
        ObjectNode ds = daemonSet("1", "");
        Plan plan = reconcile(ds, List.of(node("n1")), pod("agent-a", ds, "n1", ControllerRevisions.hash(ds)).phase("Failed").build());
        assertThat(deleted(plan)).containsExactly("ns/agent-a");
        assertThat(created(R.reconcile(observe(ds).owned(REVISION, revision(ds)).nodes(node("n1")).build()), "Pod")).hasSize(1);
    }

    @Test
    void aSecondPodOnANodeIsDeleted() {
        // without surge kube keeps the oldest daemon pod of a node and deletes the others
        ObjectNode ds = daemonSet("1", "");
        String hash = ControllerRevisions.hash(ds);
        Plan plan = reconcile(ds, List.of(node("n1")), pod("agent-old", ds, "n1", hash).created(ago(3000)).ready(ago(3000)).build(),
                pod("agent-new", ds, "n1", hash).created(ago(10)).ready(ago(5)).build());
        assertThat(deleted(plan)).containsExactly("ns/agent-new");
    }

    @Test
    void theTemplateBecomesAControllerRevision() {
        ObjectNode ds = daemonSet("1", "");
        ds.with("metadata").putObject("annotations").put("kubernetes.io/change-cause", "v1");
        Plan plan = R.reconcile(observe(ds).nodes(node("n1")).build());
        String hash = ControllerRevisions.hash(ds);

        assertThat(created(plan, REVISION)).singleElement().satisfies(r -> assertThat(json(r)).isEqualTo(yaml("""
                apiVersion: apps/v1
                kind: ControllerRevision
                metadata:
                  name: agent-%s
                  namespace: ns
                  labels: {app: agent, controller-revision-hash: '%s'}
                  annotations: {kubernetes.io/change-cause: v1}
                  ownerReferences:
                  - {apiVersion: apps/v1, kind: DaemonSet, name: agent, uid: agent-uid, controller: true, blockOwnerDeletion: true}
                data:
                  spec:
                    template:
                      metadata: {labels: {app: agent}}
                      spec: {containers: [{name: main, image: 'agent:1'}]}
                      $patch: replace
                revision: 1
                """.formatted(hash, hash))));
        assertThat(created(plan, "Pod")).singleElement().satisfies(p -> assertThat(p.at("/metadata/labels/controller-revision-hash").asText()).isEqualTo(hash));
    }

    /** Three nodes whose old pods (revision hash "old") are available unless listed in {@code unavailable}. */
    static List<String> rollingDeletes(String maxUnavailable, String... unavailable) {
        ObjectNode ds = daemonSet(maxUnavailable, "");
        List<ObjectNode> pods = new ArrayList<>();
        for (String n : List.of("n1", "n2", "n3")) {
            Fixtures.PodBuilder p = pod("agent-" + n, ds, n, "old");
            if (!List.of(unavailable).contains(n)) p.ready(ago(100));
            pods.add(p.build());
        }
        return deleted(reconcile(ds, List.of(node("n1"), node("n2"), node("n3")), pods.toArray(ObjectNode[]::new)));
    }

    @Test
    void aRollingUpdateReplacesOldPodsWithinMaxUnavailable() {
        assertThat(rollingDeletes("1")).containsExactly("ns/agent-n1");
        assertThat(rollingDeletes("2")).containsExactly("ns/agent-n1", "ns/agent-n2");
        // percentages of the desired number round up: 50% of 3 is 2
        assertThat(rollingDeletes("'50%'")).containsExactly("ns/agent-n1", "ns/agent-n2");
        // an unavailable old pod goes at once and uses up the budget
        assertThat(rollingDeletes("1", "n2")).containsExactly("ns/agent-n2");
    }

    @Test
    void aRollingUpdateWaitsWhileANodeLacksAnAvailablePod() {
        ObjectNode ds = daemonSet("1", "");
        String hash = ControllerRevisions.hash(ds);
        Plan plan = reconcile(ds, List.of(node("n1"), node("n2")), pod("agent-n1", ds, "n1", hash).build(),
                pod("agent-n2", ds, "n2", "old").ready(ago(100)).build());
        assertThat(deleted(plan)).isEmpty();
    }

    @Test
    void statusCountsNodesNotPods() {
        ObjectNode ds = daemonSet("1", "nodeSelector: {disk: ssd}");
        ds.with("metadata").put("generation", 3);
        String hash = ControllerRevisions.hash(ds);
        Plan plan = reconcile(ds, List.of(node("n1", "disk", "ssd"), node("n2", "disk", "ssd"), node("n3", "disk", "ssd"), node("n4")),
                pod("agent-1", ds, "n1", hash).ready(ago(100)).build(),
                pod("agent-2", ds, "n2", "old").build(),
                pod("agent-4", ds, "n4", hash).ready(ago(100)).build());

        assertThat(json(status(plan).orElseThrow())).isEqualTo(yaml("""
                currentNumberScheduled: 2
                numberMisscheduled: 1
                desiredNumberScheduled: 3
                numberReady: 1
                observedGeneration: 3
                updatedNumberScheduled: 1
                numberAvailable: 1
                numberUnavailable: 2
                """));
    }

    @Test
    void readyPodsAreLookedAtAgainWhenMinReadySecondsMakesThemAvailable() {
        ObjectNode ds = daemonSet("1", "");
        ds.with("spec").put("minReadySeconds", 30);
        Plan plan = reconcile(ds, List.of(node("n1")), pod("agent-1", ds, "n1", ControllerRevisions.hash(ds)).ready(ago(10)).build());
        assertThat(status(plan).orElseThrow().has("numberAvailable")).isFalse();
        // kube requeues after minReadySeconds; not before the pod can be available
        assertThat(plan.requeueAfter()).hasValueSatisfying(d -> assertThat(d).isBetween(Duration.ofSeconds(20), Duration.ofSeconds(30)));
    }
}
