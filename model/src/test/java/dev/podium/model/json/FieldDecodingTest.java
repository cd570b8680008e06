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
                .hasMessage("Pod in version \"v1\" cannot be handled as a Pod: json: cannot unmarshal string into Go struct field "
                        + "PodSpec.spec.containers of type []v1.Container");
    }

    /** kube-apiserver's own messages for these bodies, Go's encoding/json wording under transformDecodeError's prefix. */
    @ParameterizedTest(name = "[{index}] {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
            "Pod             | {'metadata':{'labels':{'version':5}}}                                             "
                    + "| json: cannot unmarshal number into Go struct field ObjectMeta.metadata.labels of type string",
            "Deployment.apps | {'spec':{'template':{'spec':{'containers':[{'name':'c','env':[{'name':'A','value':true}]}]}}}} "
                    + "| json: cannot unmarshal bool into Go struct field EnvVar.spec.template.spec.containers.env.value of type string",
            "Pod             | {'spec':{'containers':[{'name':'c','ports':[{'containerPort':'80'}]}]}}          "
                    + "| json: cannot unmarshal string into Go struct field ContainerPort.spec.containers.ports.containerPort of type int32",
            "Pod             | {'spec':{'containers':['c']}}                                                     "
                    + "| json: cannot unmarshal string into Go struct field PodSpec.spec.containers of type v1.Container",
            "Pod             | {'spec':{'hostNetwork':'true'}}                                                   "
                    + "| json: cannot unmarshal string into Go struct field PodSpec.spec.hostNetwork of type bool",
            "Pod             | {'spec':{'activeDeadlineSeconds':1.5}}                                            "
                    + "| json: cannot unmarshal number 1.5 into Go struct field PodSpec.spec.activeDeadlineSeconds of type int64",
            "Pod             | {'metadata':'a'}                                                                  "
                    + "| json: cannot unmarshal string into Go struct field Pod.metadata of type v1.ObjectMeta",
            "Deployment.apps | {'spec':{'strategy':{'rollingUpdate':{'maxSurge':{}}}}}                           "
                    + "| json: cannot unmarshal object into Go struct field RollingUpdateDeployment.spec.strategy.rollingUpdate.maxSurge of type int32",
            "Pod             | {'spec':{'containers':[{'name':'c','resources':{'limits':{'cpu':[]}}}]}}          "
                    + "| quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'",
            "Lease.coordination.k8s.io | {'spec':{'renewTime':'2026-01-01T10:00:00Z'}}                       "
                    + "| parsing time \"2026-01-01T10:00:00Z\" as \"2006-01-02T15:04:05.000000Z07:00\": cannot parse \"Z\" as \".000000\"",
            "Lease.coordination.k8s.io | {'spec':{'acquireTime':1767261600}}                                 "
                    + "| json: cannot unmarshal number into Go struct field LeaseSpec.spec.acquireTime of type string",
            "Event           | {'series':{'count':2,'lastObservedTime':'yesterday'}}                             "
                    + "| parsing time \"yesterday\" as \"2006-01-02T15:04:05.000000Z07:00\": cannot parse \"yesterday\" as \"2006\"",
    })
    void wrongValuesAreRefusedInKubesWords(String kind, String json, String expected) {
        var k = KindRegistry.get(kind);
        var obj = Json.parseObject(json.replace('\'', '"').getBytes(StandardCharsets.UTF_8), false);
        assertThatThrownBy(() -> FieldDecoding.unknownFields(k, obj))
                .isInstanceOf(ApiException.class)
                .hasMessage(k.kind() + " in version \"v1\" cannot be handled as a " + k.kind() + ": " + expected);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "Lease.coordination.k8s.io | {'spec':{'holderIdentity':'a','acquireTime':'2026-01-01T10:00:00.123456Z','renewTime':'2026-01-01T10:00:01.000000+01:00'}}",
            "Lease.coordination.k8s.io | {'spec':{'acquireTime':null}}",
            "Event                     | {'eventTime':'2026-01-01T10:00:00.123456Z','series':{'count':2,'lastObservedTime':'2026-01-01T10:00:05.000001Z'}}",
    })
    void microTimesDecode(String kind, String json) {
        findsUndeclaredFieldsWithKubernetesPaths(kind, json.replace('\'', '"'), null);
    }
}
