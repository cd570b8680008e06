package dev.podium.model.validation;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.podium.model.api.ApiError;
import dev.podium.model.api.ApiException;
import dev.podium.model.api.Cause;
import dev.podium.model.json.Json;
import dev.podium.model.kinds.ResourceKind;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

/** The one entry point for validating an object: metadata rules, then the kind's own rules. */
public final class Validator {
    private Validator() {}

    public static List<Cause> forCreate(ResourceKind kind, ObjectNode obj) {
        LinkedHashSet<Cause> causes = new LinkedHashSet<>(ObjectMetaValidation.validateCreate(kind, obj));
        causes.addAll(kind.rules().validateCreate(obj));
        causes.addAll(kind.rules().validate(obj));
        return new ArrayList<>(causes);
    }

    public static List<Cause> forUpdate(ResourceKind kind, ObjectNode oldObj, ObjectNode newObj) {
        LinkedHashSet<Cause> causes = new LinkedHashSet<>(ObjectMetaValidation.validateUpdate(kind, oldObj, newObj));
        causes.addAll(kind.rules().validateUpdate(oldObj, newObj));
        causes.addAll(kind.rules().validate(newObj));
        return new ArrayList<>(causes);
    }

    /** Throws the 422 Invalid kube-apiserver would return when the object fails {@link #forCreate}. */
    public static void requireValidCreate(ResourceKind kind, ObjectNode obj) {
        List<Cause> causes = forCreate(kind, obj);
        if (!causes.isEmpty()) throw invalid(kind, obj, causes);
    }

    public static void requireValidUpdate(ResourceKind kind, ObjectNode oldObj, ObjectNode newObj) {
        List<Cause> causes = forUpdate(kind, oldObj, newObj);
        if (!causes.isEmpty()) throw invalid(kind, newObj, causes);
    }

    public static ApiException invalid(ResourceKind kind, ObjectNode obj, List<Cause> causes) {
        String name = Json.textAt(obj, "metadata.name");
        return new ApiException(ApiError.invalid(kind.group(), kind.kind(), name == null ? "" : name, causes));
    }
}
