package dev.podium.model.patch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.podium.model.api.ApiError;
import dev.podium.model.kinds.KindRegistry;
import dev.podium.model.kinds.ResourceKind;
import org.junit.jupiter.api.Test;

import static dev.podium.model.patch.TestJson.error;
import static dev.podium.model.patch.TestJson.json;
import static dev.podium.model.patch.TestJson.obj;
import static org.assertj.core.api.Assertions.assertThat;

class ServerSideApplyTest {
    private static final ResourceKind CM = KindRegistry.get("ConfigMap");
    private static final ResourceKind POD = KindRegistry.get("Pod");
    private static final String T1 = "2024-01-01T00:00:00Z";
    private static final String T2 = "2024-01-02T00:00:00Z";

    private static ObjectNode cm(String data) {
        return obj("{'apiVersion':'v1','kind':'ConfigMap','metadata':{'name':'c','namespace':'ns'},'data':" + data + "}");
    }

    private static JsonNode managed(ObjectNode obj) {
        return obj.path("metadata").path("managedFields");
    }

    private static ObjectNode withoutManagedFields(ObjectNode obj) {
        ObjectNode copy = obj.deepCopy();
        ((ObjectNode) copy.get("metadata")).remove("managedFields");
        return copy;
    }

    @Test
    void createRecordsTheApplyEntry() {
        ObjectNode applied = obj("{'apiVersion':'v1','kind':'ConfigMap','metadata':{'name':'c','namespace':'ns','labels':{'app':'x'}},'data':{'key':'v'}}");
        ObjectNode result = ServerSideApply.apply(null, applied, "kubectl", false, T1, CM);

        assertThat(withoutManagedFields(result)).isEqualTo(applied);
        assertThat(managed(result)).isEqualTo(json("[{'manager':'kubectl','operation':'Apply','apiVersion':'v1','time':'" + T1
                + "','fieldsType':'FieldsV1','fieldsV1':{'f:data':{'f:key':{}},'f:metadata':{'f:labels':{'f:app':{}}}}}]"));
    }

    @Test
    void reapplyingUnchangedIsIdempotent() {
        ObjectNode first = ServerSideApply.apply(null, cm("{'a':'1'}"), "m", false, T1, CM);
        ObjectNode second = ServerSideApply.apply(first, cm("{'a':'1'}"), "m", false, T2, CM);
        assertThat(second).isEqualTo(first);
    }

    @Test
    void droppingAFieldFromTheConfigRemovesIt() {
        ObjectNode first = ServerSideApply.apply(null, cm("{'a':'1','b':'2'}"), "m", false, T1, CM);
        ObjectNode second = ServerSideApply.apply(first, cm("{'a':'1'}"), "m", false, T2, CM);

        assertThat(second.get("data")).isEqualTo(json("{'a':'1'}"));
        assertThat(managed(second).get(0).get("fieldsV1")).isEqualTo(json("{'f:data':{'f:a':{}}}"));
        assertThat(managed(second).get(0).get("time").asText()).isEqualTo(T2);
    }

    @Test
    void droppingTheLastFieldOfAMapRemovesTheMap() {
        ObjectNode first = ServerSideApply.apply(null,
                obj("{'apiVersion':'v1','kind':'ConfigMap','metadata':{'name':'c','labels':{'app':'x'}},'data':{'a':'1'}}"), "m", false, T1, CM);
        ObjectNode second = ServerSideApply.apply(first, obj("{'apiVersion':'v1','kind':'ConfigMap','metadata':{'name':'c'},'data':{'a':'1'}}"),
                "m", false, T2, CM);
        assertThat(second.get("metadata").has("labels")).isFalse();
    }

    @Test
    void fieldsOfAnotherManagerSurvive() {
        ObjectNode one = ServerSideApply.apply(null, cm("{'a':'1','b':'2'}"), "m1", false, T1, CM);
        ObjectNode two = ServerSideApply.apply(one, cm("{'b':'2','c':'3'}"), "m2", false, T1, CM);
        ObjectNode three = ServerSideApply.apply(two, cm("{'a':'1'}"), "m1", false, T2, CM);

        assertThat(three.get("data")).isEqualTo(json("{'a':'1','b':'2','c':'3'}"));
        assertThat(managed(three)).hasSize(2);
        assertThat(managed(three).get(0).get("fieldsV1")).isEqualTo(json("{'f:data':{'f:a':{}}}"));
        assertThat(managed(three).get(1).get("fieldsV1")).isEqualTo(json("{'f:data':{'f:b':{},'f:c':{}}}"));
    }

    @Test
    void fieldsNobodyManagesAreKept() {
        ObjectNode live = cm("{'other':'x'}");
        ObjectNode result = ServerSideApply.apply(live, cm("{'a':'1'}"), "m", false, T1, CM);
        assertThat(result.get("data")).isEqualTo(json("{'other':'x','a':'1'}"));
    }

    @Test
    void changingAnotherAppliersFieldIsAConflict() {
        ObjectNode one = ServerSideApply.apply(null, cm("{'key':'1'}"), "other-manager", false, T1, CM);

        ApiError e = error(() -> ServerSideApply.apply(one, cm("{'key':'2'}"), "me", false, T2, CM));

        assertThat(e.code()).isEqualTo(409);
        assertThat(e.reason()).isEqualTo("Conflict");
        assertThat(e.message()).isEqualTo("Apply failed with 1 conflict: conflict with \"other-manager\": .data.key");
        assertThat(e.details().causes()).singleElement().satisfies(c -> {
            assertThat(c.reason()).isEqualTo("FieldManagerConflict");
            assertThat(c.field()).isEqualTo(".data.key");
        });
    }

    @Test
    void severalConflictsAreListedByManager() {
        ObjectNode one = ServerSideApply.apply(null, cm("{'a':'1','b':'1'}"), "m1", false, T1, CM);
        ApiError e = error(() -> ServerSideApply.apply(one, cm("{'a':'2','b':'2'}"), "me", false, T2, CM));
        assertThat(e.message()).isEqualTo("Apply failed with 2 conflicts: conflicts with \"m1\":\n- .data.a\n- .data.b");
    }

    @Test
    void applyingTheSameValueSharesOwnership() {
        ObjectNode one = ServerSideApply.apply(null, cm("{'key':'1'}"), "m1", false, T1, CM);
        ObjectNode two = ServerSideApply.apply(one, cm("{'key':'1'}"), "m2", false, T2, CM);
        assertThat(managed(two)).hasSize(2);
        ObjectNode three = ServerSideApply.apply(two, cm("{}"), "m1", false, T2, CM);
        assertThat(three.get("data")).isEqualTo(json("{'key':'1'}"));
    }

    @Test
    void forceTakesTheFieldOver() {
        ObjectNode one = ServerSideApply.apply(null, cm("{'key':'1','mine':'x'}"), "m1", false, T1, CM);
        ObjectNode two = ServerSideApply.apply(one, cm("{'key':'2'}"), "m2", true, T2, CM);

        assertThat(two.get("data")).isEqualTo(json("{'key':'2','mine':'x'}"));
        assertThat(managed(two).get(0).get("manager").asText()).isEqualTo("m1");
        assertThat(managed(two).get(0).get("fieldsV1")).isEqualTo(json("{'f:data':{'f:mine':{}}}"));
        assertThat(managed(two).get(1).get("manager").asText()).isEqualTo("m2");
        assertThat(managed(two).get(1).get("fieldsV1")).isEqualTo(json("{'f:data':{'f:key':{}}}"));
    }

    @Test
    void keyedListsAreTrackedPerItem() {
        ObjectNode pod = obj("{'apiVersion':'v1','kind':'Pod','metadata':{'name':'p'},'spec':{'containers':["
                + "{'name':'a','image':'nginx','args':['x']},{'name':'b','image':'redis'}]}}");
        ObjectNode first = ServerSideApply.apply(null, pod, "m", false, T1, POD);
        assertThat(managed(first).get(0).get("fieldsV1")).isEqualTo(json("{'f:spec':{'f:containers':{"
                + "'k:{\\'name\\':\\'a\\'}':{'.':{},'f:args':{},'f:image':{},'f:name':{}},"
                + "'k:{\\'name\\':\\'b\\'}':{'.':{},'f:image':{},'f:name':{}}}}}"));

        ObjectNode second = ServerSideApply.apply(first, obj("{'apiVersion':'v1','kind':'Pod','metadata':{'name':'p'},'spec':{'containers':["
                + "{'name':'a','image':'nginx:2'}]}}"), "m", false, T2, POD);
        assertThat(second.get("spec")).isEqualTo(json("{'containers':[{'name':'a','image':'nginx:2'}]}"));
    }

    @Test
    void anItemKeptByAnotherManagerLosesOnlyTheDroppedFields() {
        ObjectNode pod = obj("{'apiVersion':'v1','kind':'Pod','metadata':{'name':'p'},'spec':{'containers':[{'name':'a','image':'nginx'}]}}");
        ObjectNode one = ServerSideApply.apply(null, pod, "m1", false, T1, POD);
        ObjectNode two = ServerSideApply.apply(one, obj("{'apiVersion':'v1','kind':'Pod','metadata':{'name':'p'},'spec':{'containers':["
                + "{'name':'a','env':[{'name':'X','value':'1'}]}]}}"), "m2", false, T1, POD);
        ObjectNode three = ServerSideApply.apply(two, obj("{'apiVersion':'v1','kind':'Pod','metadata':{'name':'p'}}"), "m1", false, T2, POD);

        assertThat(three.get("spec")).isEqualTo(json("{'containers':[{'name':'a','env':[{'name':'X','value':'1'}]}]}"));
    }

    @Test
    void finalizersAreASet() {
        ObjectNode live = obj("{'apiVersion':'v1','kind':'ConfigMap','metadata':{'name':'c','finalizers':['x']}}");
        ObjectNode result = ServerSideApply.apply(live, obj("{'apiVersion':'v1','kind':'ConfigMap','metadata':{'name':'c','finalizers':['y']}}"),
                "m", false, T1, CM);
        assertThat(result.get("metadata").get("finalizers")).isEqualTo(json("['x','y']"));
        assertThat(managed(result).get(0).get("fieldsV1")).isEqualTo(json("{'f:metadata':{'f:finalizers':{'v:\\'y\\'':{}}}}"));
    }

    @Test
    void fieldManagerIsRequired() {
        ApiError e = error(() -> ServerSideApply.apply(null, cm("{}"), "", false, T1, CM));
        assertThat(e.code()).isEqualTo(400);
    }

    @Test
    void appliedInputsAreNotModified() {
        ObjectNode live = ServerSideApply.apply(null, cm("{'a':'1','b':'2'}"), "m", false, T1, CM);
        ObjectNode liveCopy = live.deepCopy();
        ObjectNode applied = cm("{'a':'2'}");
        ServerSideApply.apply(live, applied, "m", false, T2, CM);
        assertThat(live).isEqualTo(liveCopy);
        assertThat(applied).isEqualTo(cm("{'a':'2'}"));
    }
}
