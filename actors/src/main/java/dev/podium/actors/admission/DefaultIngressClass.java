package dev.podium.actors.admission;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.podium.model.network.IngressClasses;
import dev.podium.persistence.watch.WatchCache;

/**
 * The DefaultIngressClass admission plugin: a new Ingress that names no class (neither
 * {@code spec.ingressClassName} nor the legacy {@code kubernetes.io/ingress.class} annotation)
 * gets the IngressClass annotated as the default (the newest, if several are).
 */
final class DefaultIngressClass implements AdmissionStep {
    private static final String INGRESS_CLASS = "IngressClass.networking.k8s.io";
    private final WatchCache cache;

    DefaultIngressClass(WatchCache cache) {
        this.cache = cache;
    }

    @Override
    public void admit(AdmissionRequest request) {
        if (request.operation() != AdmissionRequest.Operation.CREATE || !request.kind().entityTypeName().equals("Ingress.networking.k8s.io")) return;
        if (request.object().path("metadata").path("annotations").has(IngressClasses.CLASS_ANNOTATION)) return;
        ObjectNode spec = request.object().with("spec");
        if (spec.hasNonNull("ingressClassName")) return;
        DefaultClasses.newest(cache, INGRESS_CLASS, IngressClasses.DEFAULT_CLASS_ANNOTATION).ifPresent(name -> spec.put("ingressClassName", name));
    }
}
