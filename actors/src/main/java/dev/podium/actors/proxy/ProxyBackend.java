package dev.podium.actors.proxy;

import java.util.List;

/** How a node proxy makes Service ports answer: nftables rules or userspace listeners. */
public interface ProxyBackend extends AutoCloseable {
    /** Makes the host forward exactly these ports; called again with the full list on every change. */
    void program(List<ProxiedPort> ports);

    /** Repairs what something else may have undone on the host (another member on the same host deleting the shared table). */
    default void repair() {}

    /** The mode's name as the Node label and the logs show it. */
    String mode();

    @Override
    void close();
}
