package dev.podium.runtime;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** Receives a pod's complete status (a core/v1 PodStatus as JSON) each time it changes; called from any thread. */
@FunctionalInterface
public interface PodStatusListener {
    void onStatus(String podUid, ObjectNode status);
}
