package dev.podium.actors.controllers.statefulset;

/** A StatefulSet pod's ordinal from its name {@code <statefulset>-<ordinal>}. */
final class Ordinals {
    private Ordinals() {}

    /** The ordinal, or -1 when the name is not one of the StatefulSet's. */
    static int of(String statefulSet, String podName) {
        String prefix = statefulSet + "-";
        if (!podName.startsWith(prefix)) return -1;
        String rest = podName.substring(prefix.length());
        if (rest.isEmpty() || rest.length() > 9 || !rest.chars().allMatch(Character::isDigit)) return -1;
        return Integer.parseInt(rest);
    }
}
