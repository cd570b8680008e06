package dev.podium.runtime.process;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.podium.runtime.TestPods;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.util.Map;

import static dev.podium.runtime.TestPods.pod;
import static org.assertj.core.api.Assertions.assertThat;

class EnvTest extends RuntimeTestBase {

    @Test
    void envValuesReferencesAndExpansion() throws Exception {
        ctx.configMap("cfg", Map.of("color", "blue", "size", "L")).secret("creds", Map.of("password", "s3cret"));
        ObjectNode c = TestPods.parse("""
                {'name':'main','command':['/bin/sh','-c'],
                 'args':['echo `$(GREETING) $$(GREETING) $(UNDEFINED)`; env | sort'],
                 'resources':{'limits':{'memory':'64Mi','cpu':'500m'}},
                 'envFrom':[{'configMapRef':{'name':'cfg'},'prefix':'CFG_'}],
                 'env':[
                   {'name':'NAME','value':'world'},
                   {'name':'GREETING','value':'hello $(NAME) $(CFG_color)'},
                   {'name':'COLOR','valueFrom':{'configMapKeyRef':{'name':'cfg','key':'color'}}},
                   {'name':'PASSWORD','valueFrom':{'secretKeyRef':{'name':'creds','key':'password'}}},
                   {'name':'MAYBE','valueFrom':{'configMapKeyRef':{'name':'absent','key':'k','optional':true}}},
                   {'name':'POD_NAME','valueFrom':{'fieldRef':{'fieldPath':'metadata.name'}}},
                   {'name':'POD_NS','valueFrom':{'fieldRef':{'fieldPath':'metadata.namespace'}}},
                   {'name':'POD_UID','valueFrom':{'fieldRef':{'fieldPath':'metadata.uid'}}},
                   {'name':'APP','valueFrom':{'fieldRef':{'fieldPath':'metadata.labels[`app`]'}}},
                   {'name':'NODE','valueFrom':{'fieldRef':{'fieldPath':'spec.nodeName'}}},
                   {'name':'SA','valueFrom':{'fieldRef':{'fieldPath':'spec.serviceAccountName'}}},
                   {'name':'POD_IP','valueFrom':{'fieldRef':{'fieldPath':'status.podIP'}}},
                   {'name':'HOST_IP','valueFrom':{'fieldRef':{'fieldPath':'status.hostIP'}}},
                   {'name':'MEM_MI','valueFrom':{'resourceFieldRef':{'resource':'limits.memory','divisor':'1Mi'}}},
                   {'name':'CPU','valueFrom':{'resourceFieldRef':{'resource':'limits.cpu'}}},
                   {'name':'CPU_M','valueFrom':{'resourceFieldRef':{'resource':'limits.cpu','divisor':'1m'}}}
                 ]}""");
        String uid = start(pod("envpod", "Never", c));
        await().until(() -> recorder.phase(uid).equals("Succeeded"));
        String out = Files.readString(runtime.logFile(uid, "main", false).orElseThrow());
        assertThat(out).startsWith("hello world blue $(GREETING) $(UNDEFINED)\n");
        assertThat(out).contains("\nCFG_color=blue\n", "\nCFG_size=L\n", "\nCOLOR=blue\n", "\nPASSWORD=s3cret\n",
                "\nPOD_NAME=envpod\n", "\nPOD_NS=default\n", "\nPOD_UID=" + uid + "\n", "\nAPP=envpod\n",
                "\nNODE=node-1\n", "\nSA=default\n", "\nPOD_IP=127.0.0.1\n", "\nHOST_IP=127.0.0.1\n",
                "\nMEM_MI=64\n", "\nCPU=1\n", "\nCPU_M=500\n", "\nHOSTNAME=envpod\n");
        assertThat(out).doesNotContain("MAYBE=");
    }

    @Test
    void missingConfigMapBlocksUntilItAppears() {
        ObjectNode c = TestPods.parse("""
                {'name':'main','command':['/bin/sh','-c','echo $(V); sleep 30'],
                 'env':[{'name':'V','valueFrom':{'configMapKeyRef':{'name':'late','key':'v'}}}]}""");
        String uid = start(pod("late", "Always", c));
        await().until(() -> recorder.container(uid, "main").at("/state/waiting/reason").asText().equals("CreateContainerConfigError"));
        assertThat(recorder.container(uid, "main").at("/state/waiting/message").asText()).isEqualTo("configmap \"late\" not found");
        ctx.configMap("late", Map.of("v", "now"));
        await().until(() -> recorder.container(uid, "main").path("state").has("running"));
        assertThat(recorder.phase(uid)).isEqualTo("Running");
    }

    @Test
    void workingDirIsHonoured() throws Exception {
        java.nio.file.Path wd = root.resolve("wd");
        ObjectNode c = TestPods.container("main", "pwd");
        c.put("workingDir", wd.toString());
        String uid = start(pod("wd", "Never", c));
        await().until(() -> recorder.phase(uid).equals("Succeeded"));
        assertThat(Files.readString(runtime.logFile(uid, "main", false).orElseThrow()).trim()).isEqualTo(wd.toString());
    }
}
