package dev.podium.model.json;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kubernetes.client.proto.Runtime;
import io.kubernetes.client.proto.V1;
import io.kubernetes.client.proto.V1Networking;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;

import static org.assertj.core.api.Assertions.assertThat;

class ProtobufBodiesTest {
    static byte[] envelope(String apiVersion, String kind, com.google.protobuf.Message object) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(new byte[] {0x6b, 0x38, 0x73, 0x00});
        Runtime.Unknown.newBuilder().setTypeMeta(Runtime.TypeMeta.newBuilder().setApiVersion(apiVersion).setKind(kind))
                .setRaw(object.toByteString()).build().writeTo(out);
        return out.toByteArray();
    }

    @Test
    void anIngressRulesHttpIsInlineAsInJson() throws Exception {
        V1Networking.Ingress ingress = V1Networking.Ingress.newBuilder()
                .setSpec(V1Networking.IngressSpec.newBuilder().addRules(V1Networking.IngressRule.newBuilder().setHost("foo.com")
                        .setIngressRuleValue(V1Networking.IngressRuleValue.newBuilder().setHttp(V1Networking.HTTPIngressRuleValue.newBuilder()
                                .addPaths(V1Networking.HTTPIngressPath.newBuilder().setPath("/").setPathType("Prefix")
                                        .setBackend(V1Networking.IngressBackend.newBuilder().setService(V1Networking.IngressServiceBackend.newBuilder()
                                                .setName("web").setPort(V1Networking.ServiceBackendPort.newBuilder().setNumber(80)))))))))
                .build();
        ObjectNode json = ProtobufBodies.decode(envelope("networking.k8s.io/v1", "Ingress", ingress), "networking.k8s.io", "Ingress");
        assertThat(json.at("/spec/rules/0").has("ingressRuleValue")).isFalse();
        assertThat(json.at("/spec/rules/0/http/paths/0/backend/service/port/number").asInt()).isEqualTo(80);
        assertThat(json.at("/spec/rules/0/host").asText()).isEqualTo("foo.com");
    }

    @Test
    void aProbesHandlerAndAVolumesSourceAreInline() throws Exception {
        V1.Pod pod = V1.Pod.newBuilder().setSpec(V1.PodSpec.newBuilder()
                .addContainers(V1.Container.newBuilder().setName("c").setReadinessProbe(V1.Probe.newBuilder()
                        .setHandler(V1.ProbeHandler.newBuilder().setExec(V1.ExecAction.newBuilder().addCommand("true"))).setPeriodSeconds(1)))
                .addVolumes(V1.Volume.newBuilder().setName("scratch").setVolumeSource(V1.VolumeSource.newBuilder().setEmptyDir(V1.EmptyDirVolumeSource.newBuilder()))))
                .build();
        ObjectNode json = ProtobufBodies.decode(envelope("v1", "Pod", pod), "", "Pod");
        assertThat(json.at("/spec/containers/0/readinessProbe/exec/command/0").asText()).isEqualTo("true");
        assertThat(json.at("/spec/containers/0/readinessProbe").has("handler")).isFalse();
        assertThat(json.at("/spec/volumes/0").has("emptyDir")).isTrue();
        assertThat(json.at("/spec/volumes/0").has("volumeSource")).isFalse();
    }
}
