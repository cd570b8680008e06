package dev.podium.model.kinds.rules;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.podium.model.kinds.KindRegistry;
import dev.podium.model.kinds.ResourceKind;
import dev.podium.model.validation.Defaulter;
import dev.podium.model.validation.Validator;

import java.util.List;

import static dev.podium.model.validation.Fixtures.render;
import static dev.podium.model.validation.Fixtures.yaml;

/** Defaulting and validation of one kind, the way the object entity runs them. */
record KindFixtures(ResourceKind kind) {
    static KindFixtures of(String entityTypeName) {
        return new KindFixtures(KindRegistry.get(entityTypeName));
    }

    ObjectNode defaulted(String yaml) {
        ObjectNode obj = yaml(yaml);
        Defaulter.apply(kind, obj);
        return obj;
    }

    /** The causes of creating the defaulted object, rendered "field: message". */
    List<String> create(String yaml) {
        return render(Validator.forCreate(kind, defaulted(yaml)));
    }

    /** The causes of replacing the defaulted {@code oldYaml} with {@code newYaml}, defaulted for update. */
    List<String> update(String oldYaml, String newYaml) {
        ObjectNode old = defaulted(oldYaml);
        ObjectNode neu = yaml(newYaml);
        Defaulter.applyForUpdate(kind, old, neu);
        return render(Validator.forUpdate(kind, old, neu));
    }
}
