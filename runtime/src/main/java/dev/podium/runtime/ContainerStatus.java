package dev.podium.runtime;

/**
 * What the status of one container is made of; the mutable holder each runtime keeps per container
 * and that {@link StatusBuilder} renders. Owned by one pod's serial context.
 */
public final class ContainerStatus {
    public final String name;
    public final String image;
    public final boolean init;
    public ContainerState state;
    public ContainerState.Terminated lastState;
    public int restartCount;
    public boolean ready;
    public boolean started;
    public String containerID;

    public ContainerStatus(String name, String image, boolean init, ContainerState initial) {
        this.name = name;
        this.image = image;
        this.init = init;
        this.state = initial;
    }

    public boolean running() {
        return state instanceof ContainerState.Running;
    }

    public boolean terminated() {
        return state instanceof ContainerState.Terminated;
    }

    public boolean succeeded() {
        return state instanceof ContainerState.Terminated t && t.exitCode() == 0;
    }
}
