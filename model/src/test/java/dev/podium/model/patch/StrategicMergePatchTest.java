package dev.podium.model.patch;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.podium.model.api.ApiError;
import dev.podium.model.kinds.KindRegistry;
import dev.podium.model.patch.PatchSchema.ListStrategy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.stream.Stream;

import static dev.podium.model.patch.TestJson.assertNoDirectives;
import static dev.podium.model.patch.TestJson.error;
import static dev.podium.model.patch.TestJson.json;
import static dev.podium.model.patch.TestJson.obj;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

class StrategicMergePatchTest {
    private static final String TWO_CONTAINERS =
            "{'spec':{'containers':[{'name':'a','image':'nginx:1'},{'name':'b','image':'nginx:1'}]}}";

    static Stream<Arguments> cases() {
        return Stream.of(
                arguments("labels: add one, null removes one", "Pod",
                        "{'metadata':{'name':'p','labels':{'x':'1','y':'2'}}}",
                        "{'metadata':{'labels':{'y':null,'z':'3'}}}",
                        "{'metadata':{'name':'p','labels':{'x':'1','z':'3'}}}"),
                arguments("null for an absent key is ignored", "Pod",
                        "{'metadata':{'name':'p'}}",
                        "{'metadata':{'annotations':{'a':null,'b':'1'},'labels':null}}",
                        "{'metadata':{'name':'p','annotations':{'b':'1'}}}"),
                arguments("containers merge by name", "Pod",
                        TWO_CONTAINERS,
                        "{'spec':{'containers':[{'name':'b','image':'nginx:2'}]}}",
                        "{'spec':{'containers':[{'name':'a','image':'nginx:1'},{'name':'b','image':'nginx:2'}]}}"),
                arguments("a new container without $setElementOrder goes first, as in Kubernetes", "Pod",
                        "{'spec':{'containers':[{'name':'a','image':'nginx'}]}}",
                        "{'spec':{'containers':[{'name':'c','image':'redis'}]}}",
                        "{'spec':{'containers':[{'name':'c','image':'redis'},{'name':'a','image':'nginx'}]}}"),
                arguments("$setElementOrder as kubectl sends it", "Pod",
                        TWO_CONTAINERS,
                        "{'spec':{'$setElementOrder/containers':[{'name':'a'},{'name':'b'}],'containers':[{'name':'b','image':'nginx:2'}]}}",
                        "{'spec':{'containers':[{'name':'a','image':'nginx:1'},{'name':'b','image':'nginx:2'}]}}"),
                arguments("$setElementOrder puts an added container last", "Pod",
                        TWO_CONTAINERS,
                        "{'spec':{'$setElementOrder/containers':[{'name':'a'},{'name':'b'},{'name':'c'}],'containers':[{'name':'c','image':'redis'}]}}",
                        "{'spec':{'containers':[{'name':'a','image':'nginx:1'},{'name':'b','image':'nginx:1'},{'name':'c','image':'redis'}]}}"),
                arguments("$setElementOrder alone reorders", "Pod",
                        TWO_CONTAINERS,
                        "{'spec':{'$setElementOrder/containers':[{'name':'b'},{'name':'a'}]}}",
                        "{'spec':{'containers':[{'name':'b','image':'nginx:1'},{'name':'a','image':'nginx:1'}]}}"),
                arguments("$setElementOrder keeps a server-only container in place", "Pod",
                        "{'spec':{'containers':[{'name':'a'},{'name':'sidecar'},{'name':'b'}]}}",
                        "{'spec':{'$setElementOrder/containers':[{'name':'a'},{'name':'b'}],'containers':[{'name':'b','image':'2'}]}}",
                        "{'spec':{'containers':[{'name':'a'},{'name':'sidecar'},{'name':'b','image':'2'}]}}"),
                arguments("$setElementOrder with a deletion, as kubectl apply sends it", "Pod",
                        TWO_CONTAINERS,
                        "{'spec':{'$setElementOrder/containers':[{'name':'a'}],'containers':[{'name':'b','$patch':'delete'}]}}",
                        "{'spec':{'containers':[{'name':'a','image':'nginx:1'}]}}"),
                arguments("env merges by name", "Pod",
                        "{'spec':{'containers':[{'name':'a','env':[{'name':'X','value':'1'},{'name':'Y','value':'2'}]}]}}",
                        "{'spec':{'containers':[{'name':'a','env':[{'name':'Y','value':'3'}]}]}}",
                        "{'spec':{'containers':[{'name':'a','env':[{'name':'X','value':'1'},{'name':'Y','value':'3'}]}]}}"),
                arguments("null removes a field of a list item", "Pod",
                        "{'spec':{'containers':[{'name':'a','image':'x','command':['sh']}]}}",
                        "{'spec':{'containers':[{'name':'a','command':null}]}}",
                        "{'spec':{'containers':[{'name':'a','image':'x'}]}}"),
                arguments("container ports merge by containerPort", "Pod",
                        "{'spec':{'containers':[{'name':'a','ports':[{'containerPort':80,'name':'http'},{'containerPort':443}]}]}}",
                        "{'spec':{'containers':[{'name':'a','ports':[{'containerPort':80,'name':'web'}]}]}}",
                        "{'spec':{'containers':[{'name':'a','ports':[{'containerPort':80,'name':'web'},{'containerPort':443}]}]}}"),
                arguments("$patch: delete removes a list element", "Pod",
                        TWO_CONTAINERS,
                        "{'spec':{'containers':[{'name':'a','$patch':'delete'}]}}",
                        "{'spec':{'containers':[{'name':'b','image':'nginx:1'}]}}"),
                arguments("$patch: replace replaces the list", "Pod",
                        TWO_CONTAINERS,
                        "{'spec':{'containers':[{'name':'z','image':'busybox'},{'$patch':'replace'}]}}",
                        "{'spec':{'containers':[{'name':'z','image':'busybox'}]}}"),
                arguments("$patch: replace replaces a map", "Pod",
                        "{'spec':{'nodeSelector':{'zone':'a','disk':'hdd'}}}",
                        "{'spec':{'nodeSelector':{'$patch':'replace','disk':'ssd'}}}",
                        "{'spec':{'nodeSelector':{'disk':'ssd'}}}"),
                arguments("$patch: delete removes a map", "Pod",
                        "{'metadata':{'name':'p','annotations':{'a':'1'}}}",
                        "{'metadata':{'annotations':{'$patch':'delete'}}}",
                        "{'metadata':{'name':'p'}}"),
                arguments("finalizers are union-merged", "Pod",
                        "{'metadata':{'finalizers':['a','b']}}",
                        "{'metadata':{'finalizers':['b','c']}}",
                        "{'metadata':{'finalizers':['a','b','c']}}"),
                arguments("$deleteFromPrimitiveList/finalizers", "Pod",
                        "{'metadata':{'finalizers':['a','b','c']}}",
                        "{'metadata':{'$deleteFromPrimitiveList/finalizers':['b','zz']}}",
                        "{'metadata':{'finalizers':['a','c']}}"),
                arguments("$deleteFromPrimitiveList on an absent list adds nothing", "Pod",
                        "{'metadata':{'name':'p'}}",
                        "{'metadata':{'$deleteFromPrimitiveList/finalizers':['b']}}",
                        "{'metadata':{'name':'p'}}"),
                arguments("$setElementOrder on finalizers", "Pod",
                        "{'metadata':{'finalizers':['a','b']}}",
                        "{'metadata':{'$setElementOrder/finalizers':['b','a','c'],'finalizers':['c']}}",
                        "{'metadata':{'finalizers':['b','a','c']}}"),
                arguments("$retainKeys switches a volume's source, as kubectl sends it", "Pod",
                        "{'spec':{'volumes':[{'name':'v','emptyDir':{}},{'name':'w','emptyDir':{}}]}}",
                        "{'spec':{'$setElementOrder/volumes':[{'name':'v'},{'name':'w'}],'volumes':[{'$retainKeys':['configMap','name'],'configMap':{'name':'cm'},'name':'v'}]}}",
                        "{'spec':{'volumes':[{'name':'v','configMap':{'name':'cm'}},{'name':'w','emptyDir':{}}]}}"),
                arguments("Service ports merge by port", "Service",
                        "{'spec':{'ports':[{'name':'http','port':80,'targetPort':8080},{'name':'https','port':443,'targetPort':8443}]}}",
                        "{'spec':{'ports':[{'port':443,'targetPort':9443}]}}",
                        "{'spec':{'ports':[{'name':'http','port':80,'targetPort':8080},{'name':'https','port':443,'targetPort':9443}]}}"),
                arguments("args is atomic", "Pod",
                        "{'spec':{'containers':[{'name':'a','args':['x','y']}]}}",
                        "{'spec':{'containers':[{'name':'a','args':['z']}]}}",
                        "{'spec':{'containers':[{'name':'a','args':['z']}]}}"),
                arguments("tolerations are atomic", "Pod",
                        "{'spec':{'tolerations':[{'key':'a','operator':'Exists'}]}}",
                        "{'spec':{'tolerations':[{'key':'b','operator':'Exists'}]}}",
                        "{'spec':{'tolerations':[{'key':'b','operator':'Exists'}]}}"),
                arguments("status conditions merge by type", "Pod",
                        "{'status':{'conditions':[{'type':'Ready','status':'False'},{'type':'Initialized','status':'True'}]}}",
                        "{'status':{'conditions':[{'type':'Ready','status':'True'}]}}",
                        "{'status':{'conditions':[{'type':'Ready','status':'True'},{'type':'Initialized','status':'True'}]}}"),
                arguments("Node addresses merge by type", "Node",
                        "{'status':{'addresses':[{'type':'InternalIP','address':'10.0.0.1'},{'type':'Hostname','address':'n1'}]}}",
                        "{'status':{'addresses':[{'type':'InternalIP','address':'10.0.0.2'}]}}",
                        "{'status':{'addresses':[{'type':'InternalIP','address':'10.0.0.2'},{'type':'Hostname','address':'n1'}]}}"),
                arguments("ServiceAccount secrets merge by name", "ServiceAccount",
                        "{'secrets':[{'name':'s1'}]}",
                        "{'secrets':[{'name':'s1'},{'name':'s2'}]}",
                        "{'secrets':[{'name':'s1'},{'name':'s2'}]}"),
                arguments("ownerReferences merge by uid", "ConfigMap",
                        "{'metadata':{'ownerReferences':[{'uid':'1','name':'a'}]}}",
                        "{'metadata':{'ownerReferences':[{'uid':'1','name':'b'}]}}",
                        "{'metadata':{'ownerReferences':[{'uid':'1','name':'b'}]}}"),
                arguments("directives inside a new value are interpreted", "Pod",
                        "{'spec':{}}",
                        "{'spec':{'containers':[{'name':'a','env':[{'name':'X','value':'1'},{'name':'Y','$patch':'delete'}]}]}}",
                        "{'spec':{'containers':[{'name':'a','env':[{'name':'X','value':'1'}]}]}}"),
                arguments("map replaces scalar", "ConfigMap",
                        "{'data':'x'}",
                        "{'data':{'a':'1'}}",
                        "{'data':{'a':'1'}}"),
                arguments("top-level $patch: replace", "ConfigMap",
                        "{'metadata':{'name':'c'},'data':{'a':'1'}}",
                        "{'$patch':'replace','metadata':{'name':'c'}}",
                        "{'metadata':{'name':'c'}}"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void applies(String name, String kind, String original, String patch, String expected) {
        ObjectNode current = obj(original);
        ObjectNode result = Patches.apply(PatchType.STRATEGIC_MERGE_PATCH, current, json(patch), KindRegistry.get(kind));
        assertThat(result).isEqualTo(json(expected));
        assertNoDirectives(result);
        assertThat(current).as("input untouched").isEqualTo(json(original));
    }

    static Stream<Arguments> malformed() {
        return Stream.of(
                arguments("patch is a list", "[]"),
                arguments("keyed element without its key", "{'spec':{'containers':[{'image':'x'}]}}"),
                arguments("delete element without its key", "{'spec':{'containers':[{'$patch':'delete'}]}}"),
                arguments("unknown $patch on a map", "{'spec':{'$patch':'explode'}}"),
                arguments("$patch: merge in a list", "{'spec':{'containers':[{'name':'a','$patch':'merge'}]}}"),
                arguments("$retainKeys missing a key the patch sets", "{'spec':{'$retainKeys':['a'],'b':1}}"),
                arguments("$retainKeys not a list", "{'spec':{'$retainKeys':'a'}}"),
                arguments("$setElementOrder not a list", "{'spec':{'$setElementOrder/containers':{'name':'a'}}}"),
                arguments("$deleteFromPrimitiveList not a list", "{'metadata':{'$deleteFromPrimitiveList/finalizers':'a'}}"),
                arguments("object in a list of primitives", "{'metadata':{'finalizers':[{'a':1}]}}"),
                arguments("scalar in a keyed list", "{'spec':{'containers':['a']}}"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformed")
    void malformedPatchIs400(String name, String patch) {
        ApiError e = error(() -> StrategicMergePatch.apply(obj(TWO_CONTAINERS), json(patch), KindRegistry.get("Pod")));
        assertThat(e.code()).isEqualTo(400);
        assertThat(e.reason()).isEqualTo("BadRequest");
    }

    @Test
    void schemaCanBeExtendedForAKind() {
        PatchSchema schema = PatchSchema.BUILT_IN.with("Widget", "spec.parts", ListStrategy.byKey("id"));
        ObjectNode result = StrategicMergePatch.apply(obj("{'spec':{'parts':[{'id':1,'v':'a'},{'id':2,'v':'b'}]}}"),
                json("{'spec':{'parts':[{'id':2,'v':'c'}]}}"), "Widget", schema);
        assertThat(result).isEqualTo(json("{'spec':{'parts':[{'id':1,'v':'a'},{'id':2,'v':'c'}]}}"));
        assertThat(schema.listStrategy("Gadget", List.of("spec", "parts"))).isEqualTo(ListStrategy.REPLACE);
    }

    @Test
    void schemaKnowsWhichPortsAreWhich() {
        PatchSchema s = PatchSchema.BUILT_IN;
        assertThat(s.listStrategy("Pod", List.of("spec", "containers", "ports"))).isEqualTo(ListStrategy.byKey("containerPort"));
        assertThat(s.listStrategy("Deployment", List.of("spec", "template", "spec", "initContainers", "ports")))
                .isEqualTo(ListStrategy.byKey("containerPort"));
        assertThat(s.listStrategy("Service", List.of("spec", "ports"))).isEqualTo(ListStrategy.byKey("port"));
        assertThat(s.listStrategy("Pod", List.of("spec", "ports"))).isEqualTo(ListStrategy.REPLACE);
        assertThat(s.listStrategy("ServiceAccount", List.of("imagePullSecrets"))).isEqualTo(ListStrategy.REPLACE);
        assertThat(s.listStrategy("Pod", List.of("spec", "imagePullSecrets"))).isEqualTo(ListStrategy.byKey("name"));
        assertThat(s.listStrategy("Namespace", List.of("spec", "finalizers"))).isEqualTo(ListStrategy.REPLACE);
        assertThat(s.listStrategy("Namespace", List.of("metadata", "finalizers"))).isEqualTo(ListStrategy.PRIMITIVES);
    }
}
