package dev.podium.model.validation;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Implemented by {@code KindRules} that must carry values over from the stored object on update
 * (kube's PrepareForUpdate): allocated cluster IPs, namespace finalizers and the like.
 * {@link Defaulter#applyForUpdate} calls it after defaulting. It belongs on KindRules itself;
 * it lives here until that interface grows the method.
 */
public interface UpdatePreparation {
    void prepareForUpdate(ObjectNode oldObj, ObjectNode newObj);
}
