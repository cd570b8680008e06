package dev.podium.bench;

import java.util.List;
import java.util.Optional;

/** The members one JVM's {@code /readyz?verbose} lists, with their status, reachability and which one is oldest. */
record ClusterMembers(List<Member> members, boolean noneUnreachable) {
    record Member(String address, String status, boolean unreachable, boolean oldest) {
        boolean upAndReachable() {
            return status.equals("Up") && !unreachable;
        }
    }

    /** Parses lines like {@code member pekko://podium@127.0.0.1:7356 Up unreachable, shards 33, entities 3366, oldest (…)}. */
    static ClusterMembers parse(String readyz) {
        List<Member> members = readyz.lines().map(String::trim).filter(l -> l.startsWith("member ")).map(l -> {
            String[] words = l.substring("member ".length()).split("[ ,]+");
            return new Member(words[0], words[1], words.length > 2 && words[2].equals("unreachable"), l.contains(", oldest"));
        }).toList();
        return new ClusterMembers(members, readyz.lines().anyMatch(l -> l.trim().equals("unreachable: none")));
    }

    Optional<Member> member(String address) {
        return members.stream().filter(m -> m.address().equals(address)).findFirst();
    }

    Optional<Member> oldest() {
        return members.stream().filter(Member::oldest).findFirst();
    }

    /** Exactly {@code n} members, all Up, and none unreachable. */
    boolean converged(int n) {
        return members.size() == n && members.stream().allMatch(Member::upAndReachable) && noneUnreachable;
    }
}
