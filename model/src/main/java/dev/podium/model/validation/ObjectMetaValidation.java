package dev.podium.model.validation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.podium.model.api.Cause;
import dev.podium.model.kinds.ResourceKind;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/** kube's ValidateObjectMeta / ValidateObjectMetaUpdate, with core's extra finalizer rule. */
public final class ObjectMetaValidation {
    private static final Set<String> STANDARD_FINALIZERS = Set.of("kubernetes", "orphan", "foregroundDeletion");

    private ObjectMetaValidation() {}

    /** The first check of a create, made before a generateName is turned into a name: one of them must be there. */
    public static List<Cause> nameOrGenerateName(JsonNode meta) {
        return Nodes.str(meta, "name").isEmpty() && Nodes.str(meta, "generateName").isEmpty() ? List.of(nameRequired()) : List.of();
    }

    private static Cause nameRequired() {
        return Cause.required("metadata.name", "name or generateName is required");
    }

    public static List<Cause> validateCreate(ResourceKind kind, ObjectNode obj) {
        JsonNode meta = obj.get("metadata");
        List<Cause> errs = new ArrayList<>();
        String generateName = Nodes.str(meta, "generateName");
        if (!generateName.isEmpty()) {
            errs.addAll(Causes.invalidEach("metadata.generateName", generateName, nameErrors(kind, generateName, true)));
        }
        String name = Nodes.str(meta, "name");
        if (name.isEmpty()) errs.add(nameRequired());
        else errs.addAll(Causes.invalidEach("metadata.name", name, nameErrors(kind, name, false)));

        String namespace = Nodes.str(meta, "namespace");
        if (kind.namespaced()) {
            if (namespace.isEmpty()) errs.add(Cause.required("metadata.namespace"));
            else errs.addAll(Causes.invalidEach("metadata.namespace", namespace, NameValidation.dns1123Label(namespace)));
        } else if (!namespace.isEmpty()) {
            errs.add(Cause.forbidden("metadata.namespace", "not allowed on this type"));
        }
        errs.addAll(validateCommon(kind, meta));
        return errs;
    }

    /**
     * Update checks: identity fields may not change, then everything {@link #validateCreate} checks.
     * An absent uid or creationTimestamp in the new object is not a change: the caller copies those
     * from the stored object, as kube's BeforeUpdate does ({@link Defaulter#carryOverSystemFields}).
     */
    public static List<Cause> validateUpdate(ResourceKind kind, ObjectNode oldObj, ObjectNode newObj) {
        JsonNode oldMeta = oldObj.get("metadata");
        JsonNode newMeta = newObj.get("metadata");
        List<Cause> errs = new ArrayList<>();
        if (!Nodes.isEmpty(oldMeta, "deletionTimestamp")) {
            Set<String> added = new TreeSet<>(Nodes.strings(newMeta, "finalizers"));
            added.removeAll(Nodes.strings(oldMeta, "finalizers"));
            if (!added.isEmpty()) {
                errs.add(Cause.forbidden("metadata.finalizers", "no new finalizers can be added if the object is being deleted, found new finalizers "
                        + Causes.goStrings(new ArrayList<>(added))));
            }
        }
        Long oldGen = Nodes.integer(oldMeta, "generation");
        Long newGen = Nodes.integer(newMeta, "generation");
        if (oldGen != null && newGen != null && newGen < oldGen) {
            errs.add(Cause.invalid("metadata.generation", newGen, "must not be decremented"));
        }
        immutable(errs, oldMeta, newMeta, "name", false);
        immutable(errs, oldMeta, newMeta, "namespace", false);
        immutable(errs, oldMeta, newMeta, "uid", true);
        immutable(errs, oldMeta, newMeta, "creationTimestamp", true);
        immutable(errs, oldMeta, newMeta, "deletionTimestamp", false);
        immutable(errs, oldMeta, newMeta, "deletionGracePeriodSeconds", false);
        for (Cause c : validateCreate(kind, newObj)) if (!errs.contains(c)) errs.add(c);
        return errs;
    }

    /** The name rule of a kind: the message list for {@code name}, or for a generateName prefix. */
    public static List<String> nameErrors(ResourceKind kind, String name, boolean prefix) {
        Optional<List<String>> own = kind.rules().nameErrors(name, prefix);
        if (own.isPresent()) return own.get();
        String n = prefix && name.endsWith("-") ? name.substring(0, name.length() - 1) + "a" : name;
        if (!kind.group().isEmpty()) return NameValidation.dns1123Subdomain(n);
        return switch (kind.kind()) {
            case "Namespace" -> NameValidation.dns1123Label(n);
            case "Service" -> NameValidation.dns1035Label(n);
            // core/v1 Events only get the generic path-segment check.
            case "Event" -> NameValidation.pathSegmentName(name, prefix);
            default -> NameValidation.dns1123Subdomain(n);
        };
    }

    public static List<Cause> validateLabels(Map<String, String> labels, String path) {
        List<Cause> errs = new ArrayList<>();
        for (Map.Entry<String, String> e : labels.entrySet()) {
            errs.addAll(Causes.invalidEach(path, e.getKey(), NameValidation.labelKey(e.getKey())));
            errs.addAll(Causes.invalidEach(path, e.getValue(), NameValidation.labelValue(e.getValue())));
        }
        return errs;
    }

    public static List<Cause> validateAnnotations(Map<String, String> annotations, String path) {
        List<Cause> errs = new ArrayList<>();
        for (String k : annotations.keySet()) errs.addAll(Causes.invalidEach(path, k, NameValidation.annotationKey(k)));
        if (NameValidation.annotationsTooLarge(annotations)) errs.add(Cause.tooLong(path, NameValidation.TOTAL_ANNOTATION_SIZE_LIMIT));
        return errs;
    }

    /** A finalizer name as core kinds accept it: qualified, and either standard or domain-prefixed. */
    public static List<Cause> validateFinalizer(String finalizer, String path) {
        List<Cause> errs = new ArrayList<>(Causes.invalidEach(path, finalizer, NameValidation.qualifiedName(finalizer)));
        if (!finalizer.contains("/") && !STANDARD_FINALIZERS.contains(finalizer)) {
            errs.add(Cause.invalid(path, finalizer, "name is neither a standard finalizer name nor is it fully qualified"));
        }
        return errs;
    }

    private static List<Cause> validateCommon(ResourceKind kind, JsonNode meta) {
        List<Cause> errs = new ArrayList<>();
        Long generation = Nodes.integer(meta, "generation");
        if (generation != null && generation < 0) {
            errs.add(Cause.invalid("metadata.generation", generation, "must be greater than or equal to 0"));
        }
        errs.addAll(validateLabels(Nodes.stringMap(meta, "labels"), "metadata.labels"));
        errs.addAll(validateAnnotations(Nodes.stringMap(meta, "annotations"), "metadata.annotations"));
        errs.addAll(validateOwnerReferences(meta));
        List<String> finalizers = Nodes.strings(meta, "finalizers");
        for (String f : finalizers) errs.addAll(Causes.invalidEach("metadata.finalizers", f, NameValidation.qualifiedName(f)));
        if (finalizers.contains("orphan") && finalizers.contains("foregroundDeletion")) {
            errs.add(Causes.invalidRendered("metadata.finalizers", Causes.goStrings(finalizers), "finalizer orphan and foregroundDeletion cannot be both set"));
        }
        if (kind.group().isEmpty()) {
            for (String f : finalizers) {
                if (!f.contains("/") && !STANDARD_FINALIZERS.contains(f)) {
                    errs.add(Cause.invalid("metadata.finalizers", f, "name is neither a standard finalizer name nor is it fully qualified"));
                }
            }
        }
        return errs;
    }

    // kube reports owner reference problems without an index: metadata.ownerReferences.uid.
    private static List<Cause> validateOwnerReferences(JsonNode meta) {
        List<Cause> errs = new ArrayList<>();
        String path = "metadata.ownerReferences";
        String firstController = null;
        for (ObjectNode ref : Nodes.objects(meta, "ownerReferences")) {
            String apiVersion = Nodes.str(ref, "apiVersion");
            String version = apiVersion.contains("/") ? apiVersion.substring(apiVersion.indexOf('/') + 1) : apiVersion;
            if (version.isEmpty() || apiVersion.chars().filter(c -> c == '/').count() > 1) {
                errs.add(Cause.invalid(path + ".apiVersion", apiVersion, "version must not be empty"));
            }
            String kind = Nodes.str(ref, "kind");
            if (kind.isEmpty()) errs.add(Cause.invalid(path + ".kind", kind, "kind must not be empty"));
            String name = Nodes.str(ref, "name");
            if (name.isEmpty()) errs.add(Cause.invalid(path + ".name", name, "name must not be empty"));
            String uid = Nodes.str(ref, "uid");
            if (uid.isEmpty()) errs.add(Cause.invalid(path + ".uid", uid, "uid must not be empty"));
            if (Nodes.bool(ref, "controller")) {
                String current = kind + "/" + name;
                if (firstController == null) {
                    firstController = current;
                } else {
                    // kube prints the whole list with %#v; an abbreviation carries the same meaning.
                    errs.add(Causes.invalidRendered(path, "[]v1.OwnerReference{...}", "Only one reference can have Controller set to true. Found \"true\" in references for "
                            + firstController + " and " + current));
                }
            }
        }
        return errs;
    }

    private static void immutable(List<Cause> errs, JsonNode oldMeta, JsonNode newMeta, String field, boolean absentMeansUnchanged) {
        JsonNode o = oldMeta == null ? null : oldMeta.get(field);
        JsonNode n = newMeta == null ? null : newMeta.get(field);
        boolean oAbsent = o == null || o.isNull() || (o.isTextual() && o.asText().isEmpty());
        boolean nAbsent = n == null || n.isNull() || (n.isTextual() && n.asText().isEmpty());
        if (nAbsent && (absentMeansUnchanged || oAbsent)) return;
        if (!nAbsent && !oAbsent && sameScalar(o, n)) return;
        errs.add(Causes.immutable("metadata." + field, nAbsent ? "" : n.isNumber() ? (Object) n.asLong() : n.asText()));
    }

    private static boolean sameScalar(JsonNode a, JsonNode b) {
        if (a.isNumber() && b.isNumber()) return a.decimalValue().compareTo(b.decimalValue()) == 0;
        return Objects.equals(a.asText(), b.asText());
    }

}
