package dev.podium.actors.objects;

import com.fasterxml.jackson.databind.JsonNode;
import dev.podium.model.api.ApiError;
import dev.podium.model.api.ApiException;

import java.util.ArrayList;
import java.util.List;

/**
 * What a delete's propagationPolicy does to the object's finalizers, as kube-apiserver decides it:
 * Orphan adds {@code orphan} (dependents are kept, their references removed), Foreground adds
 * {@code foregroundDeletion} (the owner waits for its dependents), Background removes both (the
 * owner goes at once, dependents after it). Without a policy, finalizers already there stand, and
 * otherwise the kind's default applies (Orphan for ReplicationController and Job, Background for the rest).
 */
public final class DeletionPropagation {
    public static final String ORPHAN = "orphan";
    public static final String FOREGROUND = "foregroundDeletion";
    public static final List<String> POLICIES = List.of("Background", "Foreground", "Orphan");

    private DeletionPropagation() {}

    /** The finalizers the object keeps once the delete is applied. */
    public static List<String> finalizers(JsonNode current, String policy, String kindDefault) {
        List<String> out = new ArrayList<>();
        boolean hadOrphan = false;
        boolean hadForeground = false;
        for (JsonNode f : current) {
            String name = f.asText();
            if (name.equals(ORPHAN)) hadOrphan = true;
            else if (name.equals(FOREGROUND)) hadForeground = true;
            else out.add(name);
        }
        String effective = policy;
        if (effective.isEmpty()) effective = hadOrphan ? "Orphan" : hadForeground ? "Foreground" : kindDefault;
        if (effective.equals("Orphan")) out.add(ORPHAN);
        else if (effective.equals("Foreground")) out.add(FOREGROUND);
        return out;
    }

    /** A policy kube does not know is refused as it refuses it. */
    public static void check(String policy) {
        if (!policy.isEmpty() && !POLICIES.contains(policy)) {
            throw new ApiException(ApiError.badRequest("DeleteOptions.meta.k8s.io \"\" is invalid: propagationPolicy: Unsupported value: \"" + policy
                    + "\": supported values: \"Foreground\", \"Background\", \"Orphan\", \"nil\""));
        }
    }
}
