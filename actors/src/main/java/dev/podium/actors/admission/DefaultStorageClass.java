package dev.podium.actors.admission;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.podium.actors.controllers.volume.LocalVolumes;
import dev.podium.persistence.watch.WatchCache;

/**
 * The DefaultStorageClass admission plugin: a new PersistentVolumeClaim that names no class gets
 * the StorageClass annotated as the default (the newest, if several are).
 */
final class DefaultStorageClass implements AdmissionStep {
    private static final String STORAGE_CLASS = "StorageClass.storage.k8s.io";
    private final WatchCache cache;

    DefaultStorageClass(WatchCache cache) {
        this.cache = cache;
    }

    @Override
    public void admit(AdmissionRequest request) {
        if (request.operation() != AdmissionRequest.Operation.CREATE || !request.kind().entityTypeName().equals("PersistentVolumeClaim")) return;
        ObjectNode spec = request.object().with("spec");
        if (spec.has("storageClassName")) return;
        DefaultClasses.newest(cache, STORAGE_CLASS, LocalVolumes.DEFAULT_CLASS_ANNOTATION).ifPresent(name -> spec.put("storageClassName", name));
    }
}
