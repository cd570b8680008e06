package dev.podium.runtime;

import java.util.List;

/**
 * What {@code kubectl exec} or {@code attach} asks of a container.
 *
 * @param command empty for attach
 */
public record ExecRequest(String podUid, String container, List<String> command, boolean stdin, boolean tty) {
    public boolean attach() {
        return command.isEmpty();
    }
}
