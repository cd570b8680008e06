package dev.podium.actors;

import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.SupervisorStrategy;
import org.apache.pekko.actor.typed.javadsl.Behaviors;

import java.time.Duration;

/** How Podium's actors are supervised: a failure restarts the actor with backoff (0.2 s doubling to 10 s), and it resumes from its sources. */
public final class Supervision {
    private Supervision() {}

    public static SupervisorStrategy strategy() {
        return SupervisorStrategy.restartWithBackoff(Duration.ofMillis(200), Duration.ofSeconds(10), 0.2);
    }

    public static <T> Behavior<T> restarting(Behavior<T> behavior) {
        return Behaviors.supervise(behavior).onFailure(strategy());
    }
}
