package dev.podium.actors.kinds;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.podium.actors.controllers.job.JobReconciler;
import dev.podium.model.kinds.rules.JobSelectors;

/**
 * Jobs: a new Job gets its generated selector and pod labels from its uid (kube's registry
 * PrepareForCreate); a delete without a propagation policy orphans its pods, as kube keeps it for batch/v1.
 */
public final class JobBehavior extends ControllerKindBehavior {
    public JobBehavior() {
        super(services -> new JobReconciler(), "Orphan");
    }

    @Override
    public void prepareForCreate(ObjectNode object) {
        JobSelectors.generate(object);
    }
}
