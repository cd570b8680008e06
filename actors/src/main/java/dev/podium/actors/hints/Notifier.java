package dev.podium.actors.hints;

import java.util.List;

/** Delivers hints. Delivery is best effort: every receiver also re-checks on a timer. */
public interface Notifier {
    Notifier NONE = notifications -> { };

    void send(List<Notification> notifications);
}
