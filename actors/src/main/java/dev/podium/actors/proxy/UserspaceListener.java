package dev.podium.actors.proxy;

/** A socket the userspace proxy listens on for one Service address and port. */
interface UserspaceListener extends AutoCloseable {
    @Override
    void close();
}
