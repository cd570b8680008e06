package dev.podium.bench;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.podium.actors.scheduler.ClusterSnapshot;
import dev.podium.actors.scheduler.NodeInfo;
import dev.podium.actors.scheduler.ScheduleResult;
import dev.podium.actors.scheduler.SchedulingAlgorithm;
import dev.podium.model.json.Json;

import java.util.ArrayList;
import java.util.List;

/**
 * The scheduling algorithm alone, one thread, no actors or store: kube-scheduler's default
 * profile places bare pods (10m cpu, 10Mi) one after another on nodes shaped like simulated
 * nodes, each placement updating the snapshot as the scheduler actor does.
 * Usage: {@code mvn -q -pl bench exec:java -Dbench=dev.podium.bench.SchedulerBench -Dexec.args="--nodes 1000 --pods 10000"}
 */
public final class SchedulerBench {
    private SchedulerBench() {}

    public static void main(String[] args) {
        int nodes = 1000;
        int pods = 10000;
        int rounds = 3;
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--nodes" -> nodes = Integer.parseInt(args[i + 1]);
                case "--pods" -> pods = Integer.parseInt(args[i + 1]);
                case "--rounds" -> rounds = Integer.parseInt(args[i + 1]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        List<ObjectNode> nodeObjects = new ArrayList<>();
        for (int i = 0; i < nodes; i++) nodeObjects.add(node(String.format("sim-%05d", i)));
        System.out.printf("Scheduling algorithm: %d nodes, %d pods per round, default profile, one thread%n", nodes, pods);
        for (int round = 1; round <= rounds; round++) {
            SchedulingAlgorithm algorithm = SchedulingAlgorithm.defaults();
            ClusterSnapshot snapshot = ClusterSnapshot.of(nodeObjects, List.of());
            long start = System.nanoTime();
            int placed = 0;
            for (int i = 0; i < pods; i++) {
                ObjectNode pod = pod("bench-" + i);
                if (algorithm.schedule(pod, snapshot) instanceof ScheduleResult.Scheduled s) {
                    ObjectNode bound = pod.deepCopy();
                    bound.with("spec").put("nodeName", s.nodeName());
                    NodeInfo node = snapshot.node(s.nodeName()).orElseThrow();
                    snapshot = snapshot.withNode(node.with(bound));
                    placed++;
                }
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            System.out.printf("round %d    %d placed in %.2f s: %.0f pods/s, %.1f µs per pod%n",
                    round, placed, seconds, placed / seconds, seconds * 1e6 / pods);
        }
    }

    private static ObjectNode node(String name) {
        ObjectNode o = Json.object();
        o.put("apiVersion", "v1").put("kind", "Node");
        o.putObject("metadata").put("name", name).putObject("labels")
                .put("kubernetes.io/hostname", name).put("kubernetes.io/os", "linux").put("kubernetes.io/arch", "amd64")
                .put("podium.dev/runtime", "simulated");
        o.putObject("spec");
        ObjectNode capacity = o.putObject("status").putObject("capacity");
        capacity.put("cpu", "8").put("memory", "16Gi").put("pods", "110").put("ephemeral-storage", "100Gi");
        ((ObjectNode) o.get("status")).set("allocatable", capacity.deepCopy());
        return o;
    }

    private static ObjectNode pod(String name) {
        ObjectNode o = Json.object();
        o.put("apiVersion", "v1").put("kind", "Pod");
        o.putObject("metadata").put("name", name).put("namespace", "default").put("uid", name);
        ObjectNode c = o.putObject("spec").put("schedulerName", "default-scheduler").putArray("containers").addObject();
        c.put("name", "c").put("image", "x").putObject("resources").putObject("requests").put("cpu", "10m").put("memory", "10Mi");
        return o;
    }
}
