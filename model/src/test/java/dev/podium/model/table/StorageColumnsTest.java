package dev.podium.model.table;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static dev.podium.model.table.TestJson.obj;
import static dev.podium.model.table.WorkloadColumnsTest.META;
import static dev.podium.model.table.WorkloadColumnsTest.cells;
import static dev.podium.model.table.WorkloadColumnsTest.columns;
import static org.assertj.core.api.Assertions.assertThat;

/** PersistentVolumes, PersistentVolumeClaims and StorageClasses. */
class StorageColumnsTest {
    @Test
    void columnDefinitions() {
        assertThat(columns("PersistentVolume")).containsExactly("Name:0", "Capacity:0", "Access Modes:0", "Reclaim Policy:0", "Status:0", "Claim:0",
                "StorageClass:0", "VolumeAttributesClass:0", "Reason:0", "Age:0", "VolumeMode:1");
        assertThat(columns("PersistentVolumeClaim")).containsExactly("Name:0", "Status:0", "Volume:0", "Capacity:0", "Access Modes:0",
                "StorageClass:0", "VolumeAttributesClass:0", "Age:0", "VolumeMode:1");
        assertThat(columns("StorageClass.storage.k8s.io")).containsExactly("Name:0", "Provisioner:0", "ReclaimPolicy:0", "VolumeBindingMode:0",
                "AllowVolumeExpansion:0", "Age:0");
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', value = {
            "['ReadWriteOnce']                                                 | RWO",
            "['ReadWriteOncePod','ReadWriteMany','ReadOnlyMany','ReadWriteOnce','ReadWriteOnce'] | RWO,ROX,RWX,RWOP",
            "[]                                                                | ''",
    })
    void accessModes(String modes, String expected) {
        assertThat(VolumeCells.accessModes(obj("{'m':" + modes + "}").get("m"))).isEqualTo(expected);
    }

    @Test
    void persistentVolume() {
        assertThat(cells("PersistentVolume", "{" + META + ",'spec':{'capacity':{'storage':'10Gi'},'accessModes':['ReadWriteOnce','ReadOnlyMany'],"
                + "'persistentVolumeReclaimPolicy':'Retain','claimRef':{'namespace':'d','name':'data'},'storageClassName':'fast',"
                + "'volumeMode':'Filesystem'},'status':{'phase':'Bound'}}"))
                .isEqualTo("['web','10Gi','RWO,ROX','Retain','Bound','d/data','fast','<unset>','','5m','Filesystem']");
        assertThat(cells("PersistentVolume", "{'metadata':{'name':'old','deletionTimestamp':'2024-01-01T00:00:00Z',"
                + "'annotations':{'volume.beta.kubernetes.io/storage-class':'legacy'}},'spec':{'storageClassName':'fast','volumeAttributesClassName':'gold'},"
                + "'status':{'phase':'Released','reason':'Oops'}}"))
                .isEqualTo("['old','0','','','Terminating','','legacy','gold','Oops','<unknown>','<unset>']");
    }

    @Test
    void persistentVolumeClaim() {
        assertThat(cells("PersistentVolumeClaim", "{" + META + ",'spec':{'accessModes':['ReadWriteOnce'],'resources':{'requests':{'storage':'1Gi'}},"
                + "'storageClassName':'fast','volumeMode':'Filesystem'},'status':{'phase':'Pending'}}"))
                .isEqualTo("['web','Pending','','','','fast','<unset>','5m','Filesystem']");
        assertThat(cells("PersistentVolumeClaim", "{" + META + ",'spec':{'volumeName':'pv1','resources':{'requests':{'storage':'1Gi'}}},"
                + "'status':{'phase':'Bound','capacity':{'storage':'2Gi'},'accessModes':['ReadWriteMany']}}"))
                .isEqualTo("['web','Bound','pv1','2Gi','RWX','','<unset>','5m','<unset>']");
    }

    @Test
    void storageClass() {
        assertThat(cells("StorageClass.storage.k8s.io", "{'metadata':{'name':'fast','creationTimestamp':'2024-01-01T00:55:00Z',"
                + "'annotations':{'storageclass.kubernetes.io/is-default-class':'true'}},'provisioner':'example.com/nfs','reclaimPolicy':'Retain',"
                + "'volumeBindingMode':'WaitForFirstConsumer','allowVolumeExpansion':true}"))
                .isEqualTo("['fast (default)','example.com/nfs','Retain','WaitForFirstConsumer',true,'5m']");
        assertThat(cells("StorageClass.storage.k8s.io", "{'metadata':{'name':'slow','annotations':{'storageclass.beta.kubernetes.io/is-default-class':'true'}},"
                + "'provisioner':'p'}")).isEqualTo("['slow (default)','p','Delete','Immediate',false,'<unknown>']");
        assertThat(cells("StorageClass.storage.k8s.io", "{'metadata':{'name':'x','annotations':{'storageclass.kubernetes.io/is-default-class':'false'}}}"))
                .startsWith("['x',");
    }
}
