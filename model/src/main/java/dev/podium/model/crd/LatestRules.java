package dev.podium.model.crd;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.podium.model.api.Cause;
import dev.podium.model.kinds.KindRules;
import dev.podium.model.kinds.ResourceKind;

import java.util.List;

/**
 * The rules of a custom resource as its definition stands now: an object's entity lives longer
 * than one version of its definition, and a changed schema applies to the next write at once.
 */
public final class LatestRules implements KindRules {
    private final CustomKinds kinds;
    private final String entityTypeName;

    public LatestRules(CustomKinds kinds, String entityTypeName) {
        this.kinds = kinds;
        this.entityTypeName = entityTypeName;
    }

    private KindRules current() {
        return kinds.byEntityType(entityTypeName).map(ResourceKind::rules).orElse(KindRules.NONE);
    }

    @Override
    public void applyDefaults(ObjectNode obj) {
        current().applyDefaults(obj);
    }

    @Override
    public List<Cause> validate(ObjectNode obj) {
        return current().validate(obj);
    }

    @Override
    public List<Cause> validateCreate(ObjectNode obj) {
        return current().validateCreate(obj);
    }

    @Override
    public List<Cause> validateUpdate(ObjectNode oldObj, ObjectNode newObj) {
        return current().validateUpdate(oldObj, newObj);
    }
}
