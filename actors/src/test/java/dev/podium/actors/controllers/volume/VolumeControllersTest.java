package dev.podium.actors.controllers.volume;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.podium.actors.controllers.Action;
import dev.podium.actors.controllers.Fixtures;
import dev.podium.actors.controllers.Plan;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static dev.podium.actors.controllers.Fixtures.actions;
import static dev.podium.actors.controllers.Fixtures.created;
import static dev.podium.actors.controllers.Fixtures.json;
import static dev.podium.actors.controllers.Fixtures.observe;
import static dev.podium.actors.controllers.Fixtures.status;
import static dev.podium.actors.controllers.Fixtures.yaml;
import static org.assertj.core.api.Assertions.assertThat;

/** ClaimBinder (the claim side of kube's PV controller) and VolumeReclaimer (the volume side). */
class VolumeControllersTest {
    static final ClaimBinder BINDER = new ClaimBinder(Path.of("/var/lib/podium/volumes"));
    static final VolumeReclaimer RECLAIMER = new VolumeReclaimer();
    static final String PV = "PersistentVolume";
    static final String CLASS = "StorageClass.storage.k8s.io";

    static ObjectNode claim(String storageClass, String size) {
        return Fixtures.object("v1", "PersistentVolumeClaim", "data", """
                storageClassName: %s
                accessModes: [ReadWriteOnce]
                resources: {requests: {storage: %s}}
                """.formatted(storageClass, size));
    }

    static ObjectNode volume(String name, String storageClass, String size, String modes) {
        ObjectNode pv = Fixtures.object("v1", "PersistentVolume", name, """
                storageClassName: %s
                capacity: {storage: %s}
                accessModes: %s
                persistentVolumeReclaimPolicy: Retain
                hostPath: {path: /srv/%s}
                """.formatted(storageClass, size, modes, name));
        pv.putObject("status").put("phase", "Available");
        return pv;
    }

    static ObjectNode storageClass(String name, String provisioner) {
        ObjectNode c = Fixtures.object("storage.k8s.io/v1", "StorageClass", name, null);
        c.put("provisioner", provisioner);
        return c;
    }

    @Test
    void aPendingClaimBindsToAnAvailableVolumeThatFits() {
        ObjectNode claim = claim("manual", "2Gi");
        Plan plan = BINDER.reconcile(observe(claim).cached(PV,
                volume("small", "manual", "1Gi", "[ReadWriteOnce]"),
                volume("other-class", "fast", "5Gi", "[ReadWriteOnce]"),
                volume("read-only", "manual", "5Gi", "[ReadOnlyMany]"),
                volume("fits", "manual", "3Gi", "[ReadWriteOnce, ReadOnlyMany]")).build());

        assertThat(actions(plan, Action.Patch.class)).singleElement().satisfies(p -> {
            assertThat(p.objectKey()).isEqualTo("fits");
            assertThat(json(p.patch())).isEqualTo(yaml("""
                    spec:
                      claimRef: {apiVersion: v1, kind: PersistentVolumeClaim, namespace: ns, name: data, uid: data-uid}
                    """));
        });
        assertThat(actions(plan, Action.PatchOwner.class)).singleElement().satisfies(p -> assertThat(json(p.patch())).isEqualTo(yaml("spec: {volumeName: fits}")));
        assertThat(status(plan)).contains(yaml("phase: Pending"));
    }

    @Test
    void aVolumePromisedToAnotherClaimIsNotTaken() {
        ObjectNode promised = volume("promised", "manual", "3Gi", "[ReadWriteOnce]");
        promised.with("spec").putObject("claimRef").put("name", "other").put("namespace", "ns").put("uid", "other-uid");
        Plan plan = BINDER.reconcile(observe(claim("manual", "1Gi")).cached(PV, promised).build());
        assertThat(actions(plan, Action.Patch.class)).isEmpty();
        assertThat(actions(plan, Action.PatchOwner.class)).isEmpty();
    }

    @Test
    void theLocalPathClassProvisionsAHostPathVolume() {
        ObjectNode claim = claim("local-path", "1Gi");
        Plan plan = BINDER.reconcile(observe(claim).cached(CLASS, storageClass("local-path", LocalVolumes.PROVISIONER)).build());

        assertThat(created(plan, PV)).singleElement().satisfies(pv -> assertThat(json(pv)).isEqualTo(yaml("""
                apiVersion: v1
                kind: PersistentVolume
                metadata:
                  name: pvc-data-uid
                  annotations: {pv.kubernetes.io/provisioned-by: podium.dev/local-path}
                spec:
                  capacity: {storage: 1Gi}
                  accessModes: [ReadWriteOnce]
                  persistentVolumeReclaimPolicy: Delete
                  storageClassName: local-path
                  volumeMode: Filesystem
                  hostPath: {path: /var/lib/podium/volumes/ns/data, type: DirectoryOrCreate}
                  claimRef: {apiVersion: v1, kind: PersistentVolumeClaim, namespace: ns, name: data, uid: data-uid}
                """)));
        assertThat(actions(plan, Action.Patch.class)).isEmpty();
        assertThat(actions(plan, Action.PatchOwner.class)).singleElement().satisfies(p -> assertThat(json(p.patch())).isEqualTo(yaml("spec: {volumeName: pvc-data-uid}")));
    }

    @Test
    void withoutAVolumeOrAProvisionerTheClaimStaysPending() {
        Plan plan = BINDER.reconcile(observe(claim("elsewhere", "1Gi")).cached(CLASS, storageClass("elsewhere", "example.com/nfs")).build());
        assertThat(actions(plan)).containsExactly(new Action.UpdateStatus(yaml("phase: Pending")));
    }

    @Test
    void aBoundClaimShowsItsVolume() {
        ObjectNode claim = claim("manual", "1Gi");
        claim.with("spec").put("volumeName", "fits");
        ObjectNode pv = volume("fits", "manual", "3Gi", "[ReadWriteOnce]");
        pv.with("spec").putObject("claimRef").put("name", "data").put("namespace", "ns").put("uid", "data-uid");
        Plan plan = BINDER.reconcile(observe(claim).cached(PV, pv).build());
        assertThat(status(plan).map(Fixtures::json)).contains(yaml("{phase: Bound, accessModes: [ReadWriteOnce], capacity: {storage: 3Gi}}"));
        assertThat(actions(plan, Action.PatchStatus.class)).singleElement().satisfies(p -> {
            assertThat(p.objectKey()).isEqualTo("fits");
            assertThat(json(p.patch())).isEqualTo(yaml("status: {phase: Bound}"));
        });
    }

    @Test
    void aClaimWhoseVolumeIsNotCachedYetWaits() {
        ObjectNode claim = claim("local-path", "1Gi");
        claim.with("spec").put("volumeName", "pvc-data-uid");
        Plan plan = BINDER.reconcile(observe(claim).build());
        assertThat(status(plan)).contains(yaml("phase: Pending"));
        assertThat(plan.requeueAfter()).contains(Duration.ofSeconds(1));
    }

    /** A volume pointing at claim ns/data with uid {@code refUid}, reclaimed per {@code policy}; the claim exists with {@code claimUid} (or not). */
    @ParameterizedTest(name = "claim {1}, policy {2}: {3}")
    @CsvSource(nullValues = "-", value = {
            "-, -, Retain, Available",
            "data-uid, data-uid, Retain, Bound",
            "data-uid, data-uid, Delete, Bound",
            "data-uid, -, Retain, Released",
            "data-uid, -, Delete, deleted",
            "data-uid, other-uid, Retain, Released",
            "data-uid, other-uid, Delete, deleted"})
    void aVolumesPhaseFollowsItsClaim(String refUid, String claimUid, String policy, String expected) {
        ObjectNode pv = volume("vol", "manual", "1Gi", "[ReadWriteOnce]");
        pv.with("spec").put("persistentVolumeReclaimPolicy", policy);
        pv.remove("status");
        if (refUid != null) pv.with("spec").putObject("claimRef").put("name", "data").put("namespace", "ns").put("uid", refUid);
        Fixtures.ObservedBuilder o = observe(pv);
        if (claimUid != null) {
            ObjectNode claim = claim("manual", "1Gi");
            claim.with("metadata").put("uid", claimUid);
            claim.with("spec").put("volumeName", "vol");
            o.cached("PersistentVolumeClaim", claim);
        }
        Plan plan = RECLAIMER.reconcile(o.build());
        assertThat(actions(plan)).isEqualTo(expected.equals("deleted") ? List.of(new Action.DeleteOwnerOnceGone(ClaimBinder.PVC, "ns/data", "data-uid", ""))
                : List.of(new Action.UpdateStatus(yaml("phase: " + expected))));
    }
}
