package dev.podium.model.network;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.podium.model.validation.Nodes;

import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Which Ingresses one controller serves, decided from the IngressClass objects: the class an
 * Ingress names in spec.ingressClassName, else in the legacy kubernetes.io/ingress.class
 * annotation, else the cluster's default class, must have our controller.
 */
public final class IngressClasses {
    /** The controller name of Podium's built-in ingress proxy. */
    public static final String PODIUM_CONTROLLER = "podium.dev/ingress";
    public static final String CLASS_ANNOTATION = "kubernetes.io/ingress.class";
    public static final String DEFAULT_CLASS_ANNOTATION = "ingressclass.kubernetes.io/is-default-class";

    private final String controller;
    private final Map<String, ObjectNode> classesByName = new LinkedHashMap<>();
    private final Optional<ObjectNode> defaultClass;

    public IngressClasses(String controller, Collection<ObjectNode> ingressClasses) {
        this.controller = controller;
        for (ObjectNode c : ingressClasses) classesByName.put(Nodes.str(c.get("metadata"), "name"), c);
        this.defaultClass = newestDefault(ingressClasses);
    }

    public boolean owns(ObjectNode ingress) {
        return effectiveClass(ingress).map(c -> controller.equals(Nodes.str(c.get("spec"), "controller"))).orElse(false);
    }

    public List<ObjectNode> owned(Collection<ObjectNode> ingresses) {
        return ingresses.stream().filter(this::owns).toList();
    }

    /** The IngressClass that governs the Ingress, if it exists. */
    public Optional<ObjectNode> effectiveClass(ObjectNode ingress) {
        String className = Nodes.text(ingress.get("spec"), "ingressClassName");
        if (className != null) return Optional.ofNullable(classesByName.get(className));
        Map<String, String> annotations = Nodes.stringMap(ingress.get("metadata"), "annotations");
        // As kube's DefaultIngressClass admission: the annotation, even empty, means no default applies.
        if (annotations.containsKey(CLASS_ANNOTATION)) return Optional.ofNullable(classesByName.get(annotations.get(CLASS_ANNOTATION)));
        return defaultClass;
    }

    /** kube's choice among several defaults: the newest, then the first by name. */
    private static Optional<ObjectNode> newestDefault(Collection<ObjectNode> ingressClasses) {
        return ingressClasses.stream()
                .filter(c -> "true".equals(Nodes.stringMap(c.get("metadata"), "annotations").get(DEFAULT_CLASS_ANNOTATION)))
                .min(Comparator.comparing((ObjectNode c) -> ObjectAge.created(c), Comparator.reverseOrder())
                        .thenComparing(c -> Nodes.str(c.get("metadata"), "name")));
    }
}
