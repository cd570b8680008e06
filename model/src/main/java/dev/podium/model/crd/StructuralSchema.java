package dev.podium.model.crd;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.podium.model.api.Cause;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * A CRD version's openAPIV3Schema as kube-apiserver (apiextensions-apiserver 1.32) applies it to
 * custom objects: validation with ratcheting on update, defaulting and pruning; and, statically,
 * the schema errors kube's CRD validation reports.
 */
public final class StructuralSchema {
    /** Checks a CRD version's rules during validation of CRD beyond the schema walk: (rules array of x-kubernetes-validations, self, oldSelf or null, field path) -> causes. */
    @FunctionalInterface
    public interface RuleChecker {
        List<Cause> check(JsonNode rules, JsonNode self, JsonNode oldSelf, String fieldPath);

        RuleChecker NONE = (r, s, o, p) -> List.of();
    }

    /** Error types after which kube does not evaluate x-kubernetes-validations rules. */
    private static final Set<String> BLOCKING = Set.of("FieldValueNotSupported", "FieldValueRequired", "FieldValueTooLong",
            "FieldValueTooMany", "FieldValueTypeInvalid");

    private final Schema root;
    private final RuleChecker rules;

    public StructuralSchema(JsonNode openAPIV3Schema, RuleChecker rules) {
        ObjectNode node = openAPIV3Schema instanceof ObjectNode o ? o : JsonNodeFactory.instance.objectNode();
        this.root = Schema.of(node);
        this.rules = rules == null ? RuleChecker.NONE : rules;
        SchemaPruning.pruneDefaults(root);
    }

    /**
     * Validation of a whole custom object (apiVersion/kind/metadata excepted from the schema as kube does; metadata is
     * validated elsewhere). oldObject is null on create; used for x-kubernetes-validations transition rules (oldSelf)
     * and passed to RuleChecker where the old value at the same path exists.
     * <p>
     * On update, schema errors of values equal to their correlated old value are dropped (ratcheting), and
     * list-type uniqueness is only checked when the old object passed it. Errors kube reports without a field
     * (anyOf/oneOf/allOf/not) carry the field {@code <nil>}, as kube prints them. Rules on the root are handed
     * the empty path. As in kube, a schema for metadata (name and generateName only) is applied too.
     */
    public List<Cause> validate(JsonNode object, JsonNode oldObject) {
        if (object == null) return List.of();
        List<Cause> errs = new ArrayList<>(new SchemaValidation(null).validate(object, Ratcheting.of(oldObject), root, "").errors());
        if (oldObject == null || ListTypeValidation.validate(oldObject, root).isEmpty()) errs.addAll(ListTypeValidation.validate(object, root));
        if (root.hasRules()) {
            if (errs.stream().anyMatch(e -> BLOCKING.contains(e.reason()))) {
                errs.add(SchemaCauses.invalid("<nil>", "\"null\"", "some validation rules were not checked because the object was"
                        + " invalid; correct the existing errors to complete validation"));
            } else {
                errs.addAll(RuleWalk.check(rules, root, object, oldObject));
            }
        }
        return errs;
    }

    /**
     * Applies `default`s in place, kube's way (defaults of absent properties, recursively, including inside array items
     * and additionalProperties; a default is itself pruned/defaulted as kube does; nullable handling: a null value with
     * nullable=false and a default gets the default).
     */
    public void applyDefaults(ObjectNode object) {
        SchemaDefaults.apply(object, root);
    }

    /**
     * Removes fields the schema does not know, in place, and returns their paths in kube's order and spelling for
     * fieldValidation=Strict/Warn (e.g. `.spec.foo` -> return "spec.foo"; kube's strict error reads
     * `unknown field "spec.foo"`). apiVersion, kind, metadata at the root are kept (metadata is pruned to ObjectMeta by
     * others), x-kubernetes-preserve-unknown-fields keeps everything below, x-kubernetes-embedded-resource keeps
     * apiVersion/kind/metadata of the embedded object.
     * <p>
     * As kube's decoder does right after pruning, nulls the schema neither allows (nullable) nor defaults are
     * removed too; they are not reported.
     */
    public List<String> prune(ObjectNode object) {
        List<String> unknown = SchemaPruning.prune(object, root, true);
        SchemaPruning.pruneNonNullableNulls(object, root);
        return unknown;
    }

    /**
     * Non-structural schema errors as kube's CRD validation reports them under the given path (e.g.
     * "spec.versions[0].schema.openAPIV3Schema"): missing type where required, type not object at the root, forbidden
     * keywords (e.g. `$ref`, `additionalProperties` together with `properties`, `uniqueItems: true`, metadata with
     * anything but name/generateName), x-kubernetes-int-or-string rules, x-kubernetes-preserve-unknown-fields must be
     * true... Use kube's wording.
     */
    public static List<Cause> structuralErrors(JsonNode openAPIV3Schema, String fieldPath) {
        Schema s = Schema.of(openAPIV3Schema);
        List<Cause> errs = new ArrayList<>();
        if (s == null) return errs;
        if (s.nullable()) errs.add(Cause.forbidden(fieldPath + ".nullable", "nullable cannot be true at the root"));
        List<Cause> structural = StructuralChecks.check(s, fieldPath);
        errs.addAll(structural.isEmpty() ? DefaultValueChecks.check(s, fieldPath) : structural);
        errs.addAll(SchemaKeywordChecks.check(s, fieldPath));
        return errs;
    }
}
