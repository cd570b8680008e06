package dev.podium.model.kinds;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.podium.model.api.Cause;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * What is particular to one kind: defaulting, validation and the extra field selectors it
 * supports. Metadata rules common to all kinds live in {@code ObjectMetaValidation}.
 */
public interface KindRules {
    KindRules NONE = new KindRules() {};

    /**
     * Kinds that are never stored: a POST is a question the API server answers in the returned
     * object's status (SelfSubjectAccessReview, TokenReview …); create is their only verb.
     */
    default boolean createOnly() {
        return false;
    }

    /** Fills in defaults in place, as kube-apiserver does on create and update. */
    default void applyDefaults(ObjectNode obj) {}

    /** Kind-specific checks of a complete object (metadata is checked elsewhere). */
    default List<Cause> validate(ObjectNode obj) {
        return List.of();
    }

    /** Checks that only apply to creates, such as a CronJob's name length (kube skips them on update). */
    default List<Cause> validateCreate(ObjectNode obj) {
        return List.of();
    }

    /** Checks that only apply to updates: immutable fields and the like. */
    default List<Cause> validateUpdate(ObjectNode oldObj, ObjectNode newObj) {
        return List.of();
    }

    /**
     * The kind's own rule for metadata.name (kube's ValidateNameFunc), as messages; empty when
     * the usual rule of its group applies.
     */
    default Optional<List<String>> nameErrors(String name, boolean prefix) {
        return Optional.empty();
    }

    /** Field selector keys beyond metadata.name and metadata.namespace, with how to read them. */
    default Map<String, Function<JsonNode, String>> fieldSelectors() {
        return Map.of();
    }
}
