package dev.podium.model.patch;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.podium.model.kinds.KindRegistry;
import dev.podium.model.kinds.ResourceKind;
import org.junit.jupiter.api.Test;

import static dev.podium.model.patch.TestJson.json;
import static dev.podium.model.patch.TestJson.obj;
import static org.assertj.core.api.Assertions.assertThat;

class ManagedFieldsTest {
    private static final ResourceKind CM = KindRegistry.get("ConfigMap");

    @Test
    void createOwnsEverythingSet() {
        ObjectNode created = ManagedFields.recordUpdate(null,
                obj("{'apiVersion':'v1','kind':'ConfigMap','metadata':{'name':'c'},'data':{'a':'1'}}"), "kubectl-create", "T1", CM);
        assertThat(created.at("/metadata/managedFields")).isEqualTo(json("[{'manager':'kubectl-create','operation':'Update',"
                + "'apiVersion':'v1','time':'T1','fieldsType':'FieldsV1','fieldsV1':{'f:data':{'f:a':{}}}}]"));
    }

    @Test
    void updateTakesChangedFieldsFromTheirOwner() {
        ObjectNode applied = ServerSideApply.apply(null,
                obj("{'apiVersion':'v1','kind':'ConfigMap','metadata':{'name':'c'},'data':{'a':'1','b':'1'}}"), "applier", false, "T1", CM);
        ObjectNode edited = applied.deepCopy();
        ((ObjectNode) edited.get("data")).put("a", "2");

        ObjectNode result = ManagedFields.recordUpdate(applied, edited, "kubectl-edit", "T2", CM);

        assertThat(result.at("/metadata/managedFields/0/fieldsV1")).isEqualTo(json("{'f:data':{'f:b':{}}}"));
        assertThat(result.at("/metadata/managedFields/1/manager").asText()).isEqualTo("kubectl-edit");
        assertThat(result.at("/metadata/managedFields/1/fieldsV1")).isEqualTo(json("{'f:data':{'f:a':{}}}"));
    }

    @Test
    void unchangedUpdateAddsNoEntry() {
        ObjectNode obj = obj("{'apiVersion':'v1','kind':'ConfigMap','metadata':{'name':'c'},'data':{'a':'1'}}");
        ObjectNode result = ManagedFields.recordUpdate(obj, obj, "m", "T1", CM);
        assertThat(result.at("/metadata/managedFields").isMissingNode()).isTrue();
    }

    @Test
    void fieldsV1RoundTrips() {
        ObjectNode fieldsV1 = obj("{'f:metadata':{'f:labels':{'.':{},'f:app':{}}},'f:spec':{'f:containers':{"
                + "'k:{\\'name\\':\\'a\\'}':{'.':{},'f:image':{}}}}}");
        assertThat(FieldSet.fromFieldsV1(fieldsV1).toFieldsV1()).isEqualTo(fieldsV1);
    }
}
