package dev.podium.model.json;

import dev.podium.model.api.ApiException;
import dev.podium.model.kinds.KindRegistry;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FieldDecodingTest {
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "ConfigMap | {\"metadata\":{\"name\":\"a\"},\"data\":{\"k\":\"v\"}}                                  | ",
            "ConfigMap | {\"metadata\":{\"name\":\"a\"},\"dataa\":{\"k\":\"v\"}}                                 | unknown field \"dataa\"",
            "ConfigMap | {\"metadata\":{\"name\":\"a\",\"lables\":\"x\"}}                                         | unknown field \"metadata.lables\"",
            "Pod       | {\"spec\":{\"containers\":[{\"name\":\"c\",\"imag\":\"x\"}]}}                               | unknown field \"spec.containers[0].imag\"",
            "Pod       | {\"spec\":{\"containers\":[{\"name\":\"c\"},{\"name\":\"d\",\"extra\":{\"a\":1}}]}}         | unknown field \"spec.containers[1].extra\"",
            "IPAddress.networking.k8s.io | {\"metadata\":{\"name\":\"10.96.0.10\"},\"spec\":{\"parentRef\":{\"group\":\"\",\"resource\":\"services\",\"namespace\":\"kube-system\",\"name\":\"dns\"}}} | ",
            "IPAddress.networking.k8s.io | {\"metadata\":{\"name\":\"10.96.0.10\"},\"spec\":{\"parentRef\":{\"resource\":\"services\",\"uid\":\"u\"}}} | unknown field \"spec.parentRef.uid\"",
    })
    void findsUndeclaredFieldsWithKubernetesPaths(String kind, String json, String expected) {
        var found = FieldDecoding.unknownFields(KindRegistry.get(kind), Json.parse(json.getBytes(StandardCharsets.UTF_8), false));
        List<String> described = found.stream().map(FieldDecoding::describe).toList();
        if (expected == null) assertThat(described).isEmpty();
        else assertThat(described).containsExactly(expected);
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', value = {
            "Deployment.apps | {'spec':{'replicas':2,'selector':{'matchLabels':{'app':'w'}},'strategy':{'type':'RollingUpdate','rollingUpdate':{'maxSurge':1,'maxUnavailable':'25%'}},'template':{'metadata':{'labels':{'app':'w'}},'spec':{'containers':[{'name':'c','image':'i'}]}}}} | ",
            "Deployment.apps | {'spec':{'strategy':{'rollingUpdat':{}}}}                                                                                  | unknown field \"spec.strategy.rollingUpdat\"",
            "StatefulSet.apps | {'spec':{'serviceName':'s','ordinals':{'start':1},'persistentVolumeClaimRetentionPolicy':{'whenDeleted':'Retain'},'volumeClaimTemplates':[{'metadata':{'name':'d'},'spec':{'accessModes':['ReadWriteOnce'],'resources':{'requests':{'storage':'1Gi'}}}}]}} | ",
            "DaemonSet.apps | {'spec':{'updateStrategy':{'type':'RollingUpdate','rollingUpdate':{'maxSurge':0,'maxUnavailable':1}},'minReadySeconds':1}}         | ",
            "ControllerRevision.apps | {'revision':2,'data':{'spec':{'template':{'anything':1}}}}                                                               | ",
            "Job.batch | {'spec':{'completionMode':'Indexed','backoffLimitPerIndex':1,'podFailurePolicy':{'rules':[{'action':'Ignore','onPodConditions':[{'type':'DisruptionTarget'}]}]},'template':{'spec':{'restartPolicy':'Never'}}}} | ",
            "CronJob.batch | {'spec':{'schedule':'@daily','timeZone':'UTC','jobTemplate':{'spec':{'template':{'spec':{'restartPolicy':'Never'}}}}}}          | ",
            "CronJob.batch | {'spec':{'jobTemplate':{'spec':{'templat':{}}}}}                                                                            | unknown field \"spec.jobTemplate.spec.templat\"",
            "StorageClass.storage.k8s.io | {'provisioner':'p','reclaimPolicy':'Retain','volumeBindingMode':'Immediate','allowVolumeExpansion':true,'parameters':{'a':'b'}} | ",
            "PersistentVolume | {'spec':{'capacity':{'storage':'1Gi'},'hostPath':{'path':'/d'},'claimRef':{'name':'c'}}}                                | ",
    })
    void newKindsDecodeAgainstTheirFabric8Models(String kind, String json, String expected) {
        findsUndeclaredFieldsWithKubernetesPaths(kind, json.replace('\'', '"'), expected);
    }

    @Test
    void pruneRemovesTheUndeclaredFieldsOnly() {
        var obj = Json.parseObject("{\"metadata\":{\"name\":\"a\"},\"dataa\":1,\"data\":{\"k\":\"v\"}}".getBytes(StandardCharsets.UTF_8), false);
        FieldDecoding.prune(obj, FieldDecoding.unknownFields(KindRegistry.get("ConfigMap"), obj));
        assertThat(obj.toString()).isEqualTo("{\"metadata\":{\"name\":\"a\"},\"data\":{\"k\":\"v\"}}");
    }

    @Test
    void valuesOfTheWrongTypeAreABadRequest() {
        var obj = Json.parseObject("{\"metadata\":{\"name\":\"a\"},\"spec\":{\"containers\":\"nope\"}}".getBytes(StandardCharsets.UTF_8), false);
        assertThatThrownBy(() -> FieldDecoding.unknownFields(KindRegistry.get("Pod"), obj))
                .isInstanceOf(ApiException.class)
                .satisfies(e -> assertThat(((ApiException) e).error().code()).isEqualTo(400))
                .hasMessageContaining("spec.containers");
    }
}
