package dev.podium.model.crd;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.podium.model.api.Cause;
import dev.podium.model.kinds.KindRules;

import java.util.List;

/**
 * A custom resource's rules come from its version's schema: unknown fields are pruned and
 * defaults applied on every write, then the object is validated against the schema, its
 * {@code x-kubernetes-validations} included (transition rules on updates).
 */
public final class CustomResourceRules implements KindRules {
    private final StructuralSchema schema;

    public CustomResourceRules(StructuralSchema schema) {
        this.schema = schema;
    }

    @Override
    public void applyDefaults(ObjectNode obj) {
        schema.prune(obj);
        schema.applyDefaults(obj);
    }

    @Override
    public List<Cause> validate(ObjectNode obj) {
        return schema.validate(obj, null);
    }

    @Override
    public List<Cause> validateUpdate(ObjectNode oldObj, ObjectNode newObj) {
        return schema.validate(newObj, oldObj);
    }

    /** The fields a write names that the schema does not know, as kube's strict field validation reports them. */
    public List<String> unknownFields(ObjectNode obj) {
        return schema.prune(obj.deepCopy());
    }
}
