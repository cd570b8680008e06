package dev.podium.actors.kinds;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.podium.actors.hints.Notification;
import dev.podium.actors.objects.Write;
import dev.podium.model.json.Json;
import dev.podium.model.kinds.KindRegistry;
import dev.podium.model.kinds.ResourceKind;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Which hints each kind's write produces, and to whom (a pure function of the write). */
class KindBehaviorsTest {

    static ObjectNode pod(UnaryOperator<ObjectNode> change) {
        ObjectNode p = Json.object().put("apiVersion", "v1").put("kind", "Pod");
        p.putObject("metadata").put("name", "p").put("namespace", "ns").put("uid", "u1").putObject("labels").put("app", "web");
        p.putObject("spec").putArray("containers").addObject().put("name", "c").put("image", "x");
        return change.apply(p);
    }

    static ObjectNode bound(ObjectNode p) {
        p.with("spec").put("nodeName", "n1");
        return p;
    }

    static ObjectNode running(ObjectNode p) {
        p.with("status").put("phase", "Running");
        return p;
    }

    static ObjectNode ownedBy(ObjectNode o, String kind, String apiVersion, String name, String uid) {
        o.with("metadata").putArray("ownerReferences").addObject().put("apiVersion", apiVersion).put("kind", kind).put("name", name)
                .put("uid", uid).put("controller", true);
        return o;
    }

    /** Who hears: "scheduler", "agent:NODE", "lifecycle", "namespaces", "gc", "daemonsets", "budgets", "services", "serviceaccounts", "owner:KIND/KEY@UID". */
    static List<String> recipients(String kind, ObjectNode before, ObjectNode after, boolean deleted) {
        ResourceKind k = KindRegistry.get(kind);
        String key = k.namespaced() ? after.at("/metadata/namespace").asText() + "/" + after.at("/metadata/name").asText() : after.at("/metadata/name").asText();
        return KindBehaviors.of(k).notifications(new Write(k, key, before, after, 2, deleted)).stream().map(n -> {
            if (n instanceof Notification.ToScheduler) return "scheduler";
            if (n instanceof Notification.ToNodeAgent a) return "agent:" + a.nodeName();
            if (n instanceof Notification.ToNodeLifecycle) return "lifecycle";
            if (n instanceof Notification.ToNamespaceController) return "namespaces";
            if (n instanceof Notification.ToGarbageCollector) return "gc";
            if (n instanceof Notification.ToDaemonSets) return "daemonsets";
            if (n instanceof Notification.ToDisruptionBudgets) return "budgets";
            if (n instanceof Notification.ToServices) return "services";
            if (n instanceof Notification.ToServiceAccounts) return "serviceaccounts";
            Notification.ToOwner o = (Notification.ToOwner) n;
            return "owner:" + o.ownerKind() + "/" + o.ownerKey() + "@" + o.ownerUid();
        }).toList();
    }

    static Stream<Arguments> writes() {
        ObjectNode node = Json.object().put("kind", "Node");
        node.putObject("metadata").put("name", "n1");
        ObjectNode lease = Json.object().put("kind", "Lease");
        lease.putObject("metadata").put("name", "n1").put("namespace", "kube-node-lease");
        ObjectNode otherLease = Json.object().put("kind", "Lease");
        otherLease.putObject("metadata").put("name", "leader").put("namespace", "kube-system");
        ObjectNode ns = Json.object().put("kind", "Namespace");
        ns.putObject("metadata").put("name", "ns");
        ObjectNode terminatingNs = ns.deepCopy();
        terminatingNs.with("metadata").put("deletionTimestamp", "2026-01-01T00:00:00Z");
        ObjectNode cm = Json.object().put("kind", "ConfigMap");
        cm.putObject("metadata").put("name", "c").put("namespace", "ns");
        ObjectNode defaultSa = Json.object().put("kind", "ServiceAccount");
        defaultSa.putObject("metadata").put("name", "default").put("namespace", "ns");
        ObjectNode rootCa = Json.object().put("kind", "ConfigMap");
        rootCa.putObject("metadata").put("name", "kube-root-ca.crt").put("namespace", "ns");
        ObjectNode tokenSecret = Json.object().put("kind", "Secret").put("type", "kubernetes.io/service-account-token");
        tokenSecret.putObject("metadata").put("name", "t").put("namespace", "ns");
        ObjectNode filledSecret = tokenSecret.deepCopy();
        filledSecret.putObject("data").put("token", "dG9r");
        ObjectNode claim = Json.object().put("kind", "PersistentVolumeClaim");
        claim.putObject("metadata").put("name", "data").put("namespace", "ns");
        claim.putObject("status").put("phase", "Pending");
        ObjectNode boundClaim = claim.deepCopy();
        boundClaim.with("status").put("phase", "Bound");
        return Stream.of(
                Arguments.of("a claim is created", "PersistentVolumeClaim", null, claim, false, List.of()),
                Arguments.of("a claim becomes Bound", "PersistentVolumeClaim", claim, boundClaim, false, List.of("scheduler")),
                Arguments.of("a bound claim changes", "PersistentVolumeClaim", boundClaim, boundClaim, false, List.of()),
                Arguments.of("a bound claim is deleted", "PersistentVolumeClaim", boundClaim, boundClaim, true, List.of("gc")),
                Arguments.of("a pending pod is created", "Pod", null, pod(p -> p), false, List.of("scheduler", "budgets", "services")),
                Arguments.of("a pending pod changes", "Pod", pod(p -> p), pod(p -> { p.with("metadata").put("generation", 2); return p; }), false,
                        List.of("scheduler")),
                Arguments.of("a pod is bound", "Pod", pod(p -> p), pod(KindBehaviorsTest::bound), false, List.of("scheduler", "agent:n1")),
                Arguments.of("a pod is created bound", "Pod", null, pod(KindBehaviorsTest::bound), false, List.of("scheduler", "budgets", "services", "agent:n1")),
                Arguments.of("a bound pod's phase changes", "Pod", pod(KindBehaviorsTest::bound), pod(p -> running(bound(p))), false, List.of("budgets", "services")),
                Arguments.of("a running pod gets its IP", "Pod", pod(p -> running(bound(p))),
                        pod(p -> { running(bound(p)).with("status").put("podIP", "10.0.0.1"); return p; }), false, List.of("services")),
                Arguments.of("a running pod's status changes otherwise", "Pod", pod(p -> running(bound(p))),
                        pod(p -> { running(bound(p)).with("status").put("startTime", "t"); return p; }), false, List.of()),
                Arguments.of("a bound pod finishes", "Pod", pod(p -> running(bound(p))),
                        pod(p -> { bound(p).with("status").put("phase", "Succeeded"); return p; }), false, List.of("scheduler", "budgets", "services")),
                Arguments.of("a bound pod is relabelled", "Pod", pod(KindBehaviorsTest::bound),
                        pod(p -> { bound(p).with("metadata").with("labels").put("app", "api"); return p; }), false, List.of("scheduler", "budgets", "services")),
                Arguments.of("a bound pod starts terminating", "Pod", pod(KindBehaviorsTest::bound),
                        pod(p -> { bound(p).with("metadata").put("deletionTimestamp", "t").put("deletionGracePeriodSeconds", 30); return p; }), false,
                        List.of("budgets", "services", "agent:n1")),
                Arguments.of("a bound pod is deleted", "Pod", pod(KindBehaviorsTest::bound), pod(KindBehaviorsTest::bound), true,
                        List.of("scheduler", "budgets", "services", "agent:n1", "gc")),
                Arguments.of("a pod with a controller tells its owner", "Pod", pod(KindBehaviorsTest::bound),
                        pod(p -> ownedBy(running(bound(p)), "Node", "v1", "n1", "node-uid")), false, List.of("budgets", "services", "owner:Node/n1@node-uid")),
                Arguments.of("a released pod tells its former owner", "Pod", pod(p -> ownedBy(bound(p), "Node", "v1", "n1", "node-uid")),
                        pod(KindBehaviorsTest::bound), false, List.of("owner:Node/n1@node-uid")),
                Arguments.of("an owner of a kind not served is not told", "ConfigMap", null,
                        ownedBy(cm.deepCopy(), "Widget", "example.com/v1", "w", "w-uid"), false, List.of()),
                Arguments.of("a namespaced owner is found in its child's namespace", "ConfigMap", null,
                        ownedBy(cm.deepCopy(), "Pod", "v1", "p", "u1"), false, List.of("owner:Pod/ns/p@u1")),
                Arguments.of("a node changes", "Node", node, node, false, List.of("scheduler", "lifecycle", "daemonsets")),
                Arguments.of("a node is deleted", "Node", node, node, true, List.of("scheduler", "lifecycle", "daemonsets", "agent:n1", "gc")),
                Arguments.of("a node lease is renewed", "Lease.coordination.k8s.io", lease, lease, false, List.of("lifecycle")),
                Arguments.of("another lease is renewed", "Lease.coordination.k8s.io", otherLease, otherLease, false, List.of()),
                Arguments.of("a namespace is created", "Namespace", null, ns, false, List.of("serviceaccounts")),
                Arguments.of("a namespace's default ServiceAccount is deleted", "ServiceAccount", defaultSa, defaultSa, true, List.of("serviceaccounts", "gc")),
                Arguments.of("a namespace's kube-root-ca.crt is deleted", "ConfigMap", rootCa, rootCa, true, List.of("serviceaccounts", "gc")),
                Arguments.of("another ConfigMap is deleted", "ConfigMap", cm, cm, true, List.of("gc")),
                Arguments.of("a service account token Secret is created", "Secret", null, tokenSecret, false, List.of("serviceaccounts")),
                Arguments.of("its token is filled in", "Secret", tokenSecret, filledSecret, false, List.of()),
                Arguments.of("a namespace starts terminating", "Namespace", ns, terminatingNs, false, List.of("namespaces")),
                Arguments.of("a namespace is deleted", "Namespace", terminatingNs, terminatingNs, true, List.of("namespaces", "gc")),
                Arguments.of("a config map changes", "ConfigMap", cm, cm, false, List.of()),
                Arguments.of("an owner starts an orphan deletion", "ConfigMap", cm, finalized(cm, "orphan"), false, List.of("gc")),
                Arguments.of("an owner starts a foreground deletion", "ConfigMap", cm, finalized(cm, "foregroundDeletion"), false, List.of("gc")),
                Arguments.of("an owner already waiting changes again", "ConfigMap", finalized(cm, "orphan"), finalized(cm, "orphan"), false, List.of()));
    }

    static ObjectNode finalized(ObjectNode o, String finalizer) {
        ObjectNode copy = o.deepCopy();
        copy.with("metadata").put("deletionTimestamp", "2026-01-01T00:00:00Z").putArray("finalizers").add(finalizer);
        return copy;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("writes")
    void hintsGoWhereTheWriteMatters(String what, String kind, ObjectNode before, ObjectNode after, boolean deleted, List<String> expected) {
        assertThat(recipients(kind, before, after, deleted)).containsExactlyElementsOf(expected);
    }
}
