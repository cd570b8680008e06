package dev.podium.actors.admission;

import dev.podium.persistence.watch.WatchCache;

import java.util.List;

/**
 * The admission plugins every write goes through before its entity sees it, in kube-apiserver's
 * order (mutating, then validating): NamespaceLifecycle, LimitRanger, ServiceAccount (on a secure API), Priority,
 * DefaultStorageClass, DefaultIngressClass and ResourceQuota. The admission webhooks ({@code webhooks.WebhookAdmission}) call out over the network, so they are
 * asynchronous and run after this chain.
 */
public final class AdmissionChain {
    private final List<AdmissionStep> steps;

    public AdmissionChain(List<AdmissionStep> steps) {
        this.steps = List.copyOf(steps);
    }

    /** The built-in plugins, reading what they need from the member's cache. */
    public static AdmissionChain builtIn(WatchCache cache) {
        return builtIn(cache, false);
    }

    /** With {@code serviceAccountTokens}, pods also get their service account's token volume (an API with a cluster CA). */
    public static AdmissionChain builtIn(WatchCache cache, boolean serviceAccountTokens) {
        List<AdmissionStep> steps = new java.util.ArrayList<>(List.of(new NamespaceLifecycle(cache), new LimitRangerAdmission(cache)));
        if (serviceAccountTokens) steps.add(new ServiceAccountAdmission(cache, new java.security.SecureRandom()));
        steps.addAll(List.of(new PriorityAdmission(cache), new DefaultStorageClass(cache), new DefaultIngressClass(cache), new ResourceQuotaAdmission(cache)));
        return new AdmissionChain(steps);
    }

    /** Runs every step; the first that refuses throws. */
    public void admit(AdmissionRequest request) {
        for (AdmissionStep step : steps) step.admit(request);
    }
}
