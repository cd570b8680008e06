package dev.podium.actors;

import org.apache.pekko.actor.Address;
import org.apache.pekko.actor.typed.ActorSystem;

/** How a cluster member names itself where users see it (the host of the Events its controllers and scheduler record). */
public final class Members {
    private Members() {}

    /** host:port of the member's cluster address; the system's name where it has no remote address (tests without a cluster). */
    public static String name(ActorSystem<?> system) {
        Address a = system.address();
        return a.getHost().isPresent() && a.getPort().isPresent() ? a.getHost().get() + ":" + a.getPort().get() : system.name();
    }
}
