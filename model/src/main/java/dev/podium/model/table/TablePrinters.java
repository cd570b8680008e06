package dev.podium.model.table;

import dev.podium.model.kinds.ResourceKind;

import java.util.Map;

/** Which printer serves each kind; kinds not listed get Name and Age. Add new kinds' columns here. */
public final class TablePrinters {
    private static final KindPrinter DEFAULT = new DefaultColumns();
    // Keyed by ResourceKind.entityTypeName(): the kind, plus ".group" outside the core group.
    private static final Map<String, KindPrinter> BY_KIND = Map.of(
            "Pod", new PodColumns(),
            "Namespace", new NamespaceColumns(),
            "ConfigMap", new ConfigMapColumns(),
            "Secret", new SecretColumns(),
            "Node", new NodeColumns(),
            "Service", new ServiceColumns(),
            "ServiceAccount", new ServiceAccountColumns(),
            "Event", new EventColumns());

    private TablePrinters() {}

    public static KindPrinter forKind(ResourceKind kind) {
        return BY_KIND.getOrDefault(kind.entityTypeName(), DEFAULT);
    }
}
