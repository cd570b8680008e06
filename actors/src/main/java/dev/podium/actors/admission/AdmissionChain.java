package dev.podium.actors.admission;

import dev.podium.persistence.watch.WatchCache;

import java.util.List;

/**
 * The admission plugins every write goes through before its entity sees it, in kube-apiserver's
 * order (mutating, then validating). Today the chain holds NamespaceLifecycle, Priority and DefaultStorageClass; authorization
 * and quotas are added here. The admission webhooks ({@code webhooks.WebhookAdmission}) call out over the network, so they are
 * asynchronous and run after this chain.
 */
public final class AdmissionChain {
    private final List<AdmissionStep> steps;

    public AdmissionChain(List<AdmissionStep> steps) {
        this.steps = List.copyOf(steps);
    }

    /** The built-in plugins, reading what they need from the member's cache. */
    public static AdmissionChain builtIn(WatchCache cache) {
        return new AdmissionChain(List.of(new NamespaceLifecycle(cache), new PriorityAdmission(cache), new DefaultStorageClass(cache), new DefaultIngressClass(cache)));
    }

    /** Runs every step; the first that refuses throws. */
    public void admit(AdmissionRequest request) {
        for (AdmissionStep step : steps) step.admit(request);
    }
}
