package dev.podium.actors.controllers.volume;

/** The built-in local provisioner and its default StorageClass (k3s's local-path, Podium's way). */
public final class LocalVolumes {
    public static final String PROVISIONER = "podium.dev/local-path";
    public static final String DEFAULT_CLASS = "local-path";
    public static final String DEFAULT_CLASS_ANNOTATION = "storageclass.kubernetes.io/is-default-class";
    public static final String PROVISIONED_BY = "pv.kubernetes.io/provisioned-by";

    private LocalVolumes() {}
}
