package dev.podium.actors.admission.webhooks;

/** Where a webhook is called: a fixed https URL, or a Service of the cluster. */
sealed interface Target {
    record Url(String url) implements Target {}

    /** {@code path} may be empty; {@code port} is the Service's port (443 by default), not its endpoints'. */
    record ServiceRef(String namespace, String name, String path, int port) implements Target {
        /** The name kube puts in the URL and checks the serving certificate against. */
        String serverName() {
            return name + "." + namespace + ".svc";
        }
    }
}
