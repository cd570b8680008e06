package dev.podium.actors.admission;

import dev.podium.model.api.ApiException;

/**
 * One admission plugin, as kube-apiserver's: it may change the object of a write (mutating) and
 * may refuse it with an {@link ApiException} carrying kube's Status (validating).
 */
public interface AdmissionStep {
    void admit(AdmissionRequest request);
}
