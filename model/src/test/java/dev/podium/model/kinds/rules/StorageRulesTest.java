package dev.podium.model.kinds.rules;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** PersistentVolume, PersistentVolumeClaim and StorageClass. */
class StorageRulesTest {
    static final KindFixtures PV = KindFixtures.of("PersistentVolume");
    static final KindFixtures PVC = KindFixtures.of("PersistentVolumeClaim");
    static final KindFixtures SC = KindFixtures.of("StorageClass.storage.k8s.io");
    static final String CLAIM = "{accessModes: [ReadWriteOnce], resources: {requests: {storage: 1Gi}}}";
    static final String VOLUME = "{capacity: {storage: 10Gi}, accessModes: [ReadWriteOnce], hostPath: {path: /data}}";

    static String pv(String spec) {
        return "metadata: {name: pv1}\nspec: " + spec;
    }

    static String pvc(String spec) {
        return "metadata: {name: data, namespace: d}\nspec: " + spec;
    }

    @ParameterizedTest(name = "[{index}] {0} {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
            "PersistentVolume      | " + VOLUME + "                               | /spec/persistentVolumeReclaimPolicy | 'Retain'",
            "PersistentVolume      | {persistentVolumeReclaimPolicy: Delete}       | /spec/persistentVolumeReclaimPolicy | 'Delete'",
            "PersistentVolume      | " + VOLUME + "                               | /spec/volumeMode                    | 'Filesystem'",
            "PersistentVolume      | " + VOLUME + "                               | /spec/hostPath                      | {'path':'/data','type':''}",
            "PersistentVolume      | " + VOLUME + "                               | /status                             | {'phase':'Pending'}",
            "PersistentVolumeClaim | " + CLAIM + "                                | /spec/volumeMode                    | 'Filesystem'",
            "PersistentVolumeClaim | {volumeMode: Block}                           | /spec/volumeMode                    | 'Block'",
            "PersistentVolumeClaim | " + CLAIM + "                                | /status                             | {'phase':'Pending'}",
    })
    void volumeDefaults(String kind, String spec, String pointer, String expected) {
        ObjectNode obj = KindFixtures.of(kind).defaulted("metadata: {name: x, namespace: d}\nspec: " + spec);
        assertThat(obj.at(pointer).toString()).isEqualTo(expected.replace('\'', '"'));
    }

    static Stream<Arguments> volumes() {
        return Stream.of(
                Arguments.of(VOLUME, List.of()),
                Arguments.of("{capacity: {storage: 1Gi}, accessModes: [ReadOnlyMany], local: {path: /mnt/disk}, persistentVolumeReclaimPolicy: Delete}", List.of()),
                Arguments.of("{}", List.of("spec.accessModes: Required value", "spec.capacity: Required value",
                        "spec.capacity: Unsupported value: core.ResourceList(nil): supported values: \"storage\"",
                        "spec: Required value: must specify a volume type")),
                Arguments.of("{capacity: {cpu: '1'}, accessModes: [ReadWriteOnce], hostPath: {path: /data}}",
                        List.of("spec.capacity: Unsupported value: core.ResourceList{\"cpu\":resource.Quantity{...}}: supported values: \"storage\"")),
                Arguments.of("{capacity: {storage: '0'}, accessModes: [ReadWriteOnce], hostPath: {path: /data}}",
                        List.of("spec.capacity[storage]: Invalid value: \"0\": must be greater than zero")),
                Arguments.of("{capacity: {storage: 1Gi}, accessModes: [ReadWriteSometimes], hostPath: {path: /data}}",
                        List.of("spec.accessModes: Unsupported value: \"ReadWriteSometimes\": supported values: \"ReadOnlyMany\", \"ReadWriteMany\", "
                                + "\"ReadWriteOnce\", \"ReadWriteOncePod\"")),
                Arguments.of("{capacity: {storage: 1Gi}, accessModes: [ReadWriteOnce], persistentVolumeReclaimPolicy: Keep, hostPath: {path: /data}}",
                        List.of("spec.persistentVolumeReclaimPolicy: Unsupported value: \"Keep\": supported values: \"Delete\", \"Recycle\", \"Retain\"")),
                Arguments.of("{capacity: {storage: 1Gi}, accessModes: [ReadWriteOnce], hostPath: {path: /data}, nfs: {server: nas, path: /export}}",
                        List.of("spec.nfs: Forbidden: may not specify more than 1 volume type")),
                Arguments.of("{capacity: {storage: 1Gi}, accessModes: [ReadWriteOnce], hostPath: {type: Pipe}}", List.of(
                        "spec.hostPath.path: Required value",
                        "spec.hostPath.type: Unsupported value: \"Pipe\": supported values: \"\", \"BlockDevice\", \"CharDevice\", \"Directory\", "
                                + "\"DirectoryOrCreate\", \"File\", \"FileOrCreate\", \"Socket\"")),
                Arguments.of("{capacity: {storage: 1Gi}, accessModes: [ReadWriteOnce], hostPath: {path: /data/../etc}}",
                        List.of("spec.hostPath.path: Invalid value: \"/data/../etc\": must not contain '..'")),
                Arguments.of("{capacity: {storage: 1Gi}, accessModes: [ReadWriteOnce], local: {}}", List.of("spec.local.path: Required value")),
                Arguments.of("{capacity: {storage: 1Gi}, accessModes: [ReadWriteOnce], volumeMode: Raw, hostPath: {path: /data}}",
                        List.of("spec.volumeMode: Unsupported value: \"Raw\": supported values: \"Block\", \"Filesystem\"")));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("volumes")
    void volumeValidation(String spec, List<String> expected) {
        assertThat(PV.create(pv(spec))).containsExactlyElementsOf(expected);
    }

    @Test
    void volumeSourceAndModeAreImmutable() {
        assertThat(PV.update(pv(VOLUME), pv("{capacity: {storage: 20Gi}, accessModes: [ReadWriteOnce], hostPath: {path: /data}}"))).isEmpty();
        assertThat(PV.update(pv(VOLUME), pv("{capacity: {storage: 10Gi}, accessModes: [ReadWriteOnce], hostPath: {path: /other}}"))).containsExactly(
                "spec.persistentvolumesource: Forbidden: spec.persistentvolumesource is immutable after creation\n"
                        + "  core.PersistentVolumeSource{\n- \thostPath.path: \"/data\"\n+ \thostPath.path: \"/other\"\n  }\n");
        assertThat(PV.update(pv(VOLUME), pv("{capacity: {storage: 10Gi}, accessModes: [ReadWriteOnce], volumeMode: Block, hostPath: {path: /data}}")))
                .containsExactly("volumeMode: Invalid value: \"Block\": field is immutable");
    }

    static Stream<Arguments> claims() {
        return Stream.of(
                Arguments.of(CLAIM, List.of()),
                Arguments.of("{}", List.of("spec.accessModes: Required value: at least 1 access mode is required", "spec.resources[storage]: Required value")),
                Arguments.of("{accessModes: [ReadWriteOncePod, ReadWriteOnce], resources: {requests: {storage: 1Gi}}}",
                        List.of("spec.accessModes: Forbidden: may not use ReadWriteOncePod with other access modes")),
                Arguments.of("{accessModes: [ReadWriteOnce], resources: {requests: {storage: '0'}}}",
                        List.of("spec.resources[storage]: Invalid value: \"0\": must be greater than zero")),
                Arguments.of("{accessModes: [ReadWriteOnce], resources: {requests: {storage: lots}}}",
                        List.of("spec.resources[storage]: Invalid value: \"lots\": quantities must match the regular expression "
                                + "'^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'")),
                Arguments.of("{accessModes: [ReadWriteOnce], storageClassName: Fast, resources: {requests: {storage: 1Gi}}}",
                        List.of("spec.storageClassName: Invalid value: \"Fast\": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric "
                                + "characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for "
                                + "validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')")));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("claims")
    void claimValidation(String spec, List<String> expected) {
        assertThat(PVC.create(pvc(spec))).containsExactlyElementsOf(expected);
    }

    static Stream<Arguments> claimUpdates() {
        String bound = "metadata: {name: data, namespace: d}\nspec: {accessModes: [ReadWriteOnce], volumeName: pv1, resources: {requests: {storage: 1Gi}}}\n"
                + "status: {phase: Bound}";
        return Stream.of(
                Arguments.of(pvc(CLAIM), pvc("{accessModes: [ReadWriteOnce], volumeName: pv1, resources: {requests: {storage: 1Gi}}}"), List.of()),
                Arguments.of(bound, pvc("{accessModes: [ReadWriteOnce], volumeName: pv1, resources: {requests: {storage: 2Gi}}}"), List.of()),
                Arguments.of(pvc(CLAIM), pvc("{accessModes: [ReadWriteOnce], resources: {requests: {storage: 2Gi}}}"), List.of(
                        "spec: Forbidden: " + PersistentVolumeClaimRules.SPEC_FORBIDDEN + "\n  core.PersistentVolumeClaimSpec{\n"
                                + "- \tresources.requests.storage: \"1Gi\"\n+ \tresources.requests.storage: \"2Gi\"\n  }\n")),
                Arguments.of(bound, pvc("{accessModes: [ReadWriteOnce], volumeName: pv1, resources: {requests: {storage: 512Mi}}}"),
                        List.of("spec.resources.requests.storage: Forbidden: field can not be less than previous value")),
                Arguments.of(bound, pvc("{accessModes: [ReadWriteMany], volumeName: pv1, resources: {requests: {storage: 1Gi}}}"), List.of(
                        "spec: Forbidden: " + PersistentVolumeClaimRules.SPEC_FORBIDDEN + "\n  core.PersistentVolumeClaimSpec{\n"
                                + "- \taccessModes[0]: \"ReadWriteOnce\"\n+ \taccessModes[0]: \"ReadWriteMany\"\n  }\n")));
    }

    @ParameterizedTest(name = "[{index}] {1}")
    @MethodSource("claimUpdates")
    void claimUpdates(String old, String updated, List<String> expected) {
        assertThat(PVC.update(old, updated)).containsExactlyElementsOf(expected);
    }

    @ParameterizedTest(name = "[{index}] {0} {1}")
    @CsvSource(delimiter = '|', value = {
            "provisioner: example.com/nfs                                                            | /reclaimPolicy     | Delete",
            "provisioner: example.com/nfs                                                            | /volumeBindingMode | Immediate",
            "provisioner: example.com/nfs, reclaimPolicy: Retain, volumeBindingMode: WaitForFirstConsumer | /reclaimPolicy     | Retain",
            "provisioner: example.com/nfs, reclaimPolicy: Retain, volumeBindingMode: WaitForFirstConsumer | /volumeBindingMode | WaitForFirstConsumer",
    })
    void storageClassDefaults(String fields, String pointer, String expected) {
        ObjectNode sc = SC.defaulted("{metadata: {name: fast}, " + fields + "}");
        assertThat(sc.at(pointer).asText()).isEqualTo(expected);
    }

    static Stream<Arguments> storageClasses() {
        return Stream.of(
                Arguments.of("provisioner: kubernetes.io/no-provisioner", List.of()),
                Arguments.of("parameters: {type: ssd}", List.of("provisioner: Required value")),
                Arguments.of("provisioner: 'example.com/not valid'", List.of("provisioner: Invalid value: \"example.com/not valid\": name part must "
                        + "consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  "
                        + "or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')")),
                Arguments.of("provisioner: p\nreclaimPolicy: Recycle", List.of("reclaimPolicy: Unsupported value: \"Recycle\": supported values: \"Delete\", \"Retain\"")),
                Arguments.of("provisioner: p\nvolumeBindingMode: Later",
                        List.of("volumeBindingMode: Unsupported value: \"Later\": supported values: \"Immediate\", \"WaitForFirstConsumer\"")));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("storageClasses")
    void storageClassValidation(String body, List<String> expected) {
        assertThat(SC.create("metadata: {name: fast}\n" + body)).containsExactlyElementsOf(expected);
    }

    static Stream<Arguments> storageClassUpdates() {
        return Stream.of(
                Arguments.of("allowVolumeExpansion: true", List.of()),
                Arguments.of("parameters: {type: hdd}", List.of("parameters: Forbidden: updates to parameters are forbidden.")),
                Arguments.of("provisioner: example.com/other", List.of("provisioner: Forbidden: updates to provisioner are forbidden.")),
                Arguments.of("reclaimPolicy: Retain", List.of("reclaimPolicy: Forbidden: updates to reclaimPolicy are forbidden.")),
                Arguments.of("volumeBindingMode: WaitForFirstConsumer",
                        List.of("volumeBindingMode: Invalid value: \"WaitForFirstConsumer\": field is immutable")));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("storageClassUpdates")
    void storageClassUpdates(String change, List<String> expected) {
        String base = "metadata: {name: fast}\nprovisioner: example.com/nfs\nparameters: {type: ssd}\n";
        String updated = change.startsWith("provisioner") || change.startsWith("parameters")
                ? base.replaceAll("(?m)^" + change.substring(0, change.indexOf(':')) + ":.*$", change)
                : base + change;
        assertThat(SC.update(base, updated)).containsExactlyElementsOf(expected);
    }
}
