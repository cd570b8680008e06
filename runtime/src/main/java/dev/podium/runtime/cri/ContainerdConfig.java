package dev.podium.runtime.cri;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.podium.model.json.Json;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/** The files Podium writes for its containerd: config.toml (version 2) and the CNI network of the node's pods. */
public final class ContainerdConfig {
    /** Where Debian's containernetworking-plugins puts the plugins. */
    public static final Path CNI_BIN_DIR = Path.of("/usr/lib/cni");
    /** The CNI network's name, in each pod's network namespace as eth0's network. */
    public static final String NETWORK = "podium";

    private ContainerdConfig() {}

    static String toml(Path dir, Path state, Path socket, Path cniConfDir, String sandboxImage) {
        String cri = "[plugins.\"io.containerd.grpc.v1.cri\"]";
        return String.join("\n",
                "version = 2",
                "root = " + quote(dir.resolve("root")),
                "state = " + quote(state),
                "[grpc]",
                "  address = " + quote(socket),
                "[ttrpc]",
                "  address = " + quote(socket + ".ttrpc"),
                "[debug]",
                "  level = \"info\"",
                "[plugins.\"io.containerd.internal.v1.opt\"]",
                "  path = " + quote(dir.resolve("opt")),
                cri,
                "  sandbox_image = " + quote(sandboxImage),
                "  stream_server_address = \"127.0.0.1\"",
                "  stream_server_port = \"0\"",
                "  enable_selinux = false",
                "  disable_apparmor = true",
                // no lower OOM score than containerd's own: some hosts (this kind of VM among them) refuse negative
                // scores even to root, and the sandbox's -998 would fail every pod with runc's "can't get final child's PID"
                "  restrict_oom_score_adj = true",
                "  " + cri.substring(0, cri.length() - 1) + ".cni]",
                "    bin_dir = " + quote(CNI_BIN_DIR),
                "    conf_dir = " + quote(cniConfDir),
                "    max_conf_num = 1",
                "  " + cri.substring(0, cri.length() - 1) + ".containerd]",
                "    snapshotter = \"overlayfs\"",
                "    default_runtime_name = \"runc\"",
                "    " + cri.substring(0, cri.length() - 1) + ".containerd.runtimes.runc]",
                "      runtime_type = \"io.containerd.runc.v2\"",
                "")
                ;
    }

    /**
     * The node's pod network: a bridge with the node's podCIDR from host-local IPAM, the bridge as the pods'
     * gateway for the cluster's pod range and Service range only (no default route: pod traffic stays on the
     * host), and no masquerade.
     */
    public static String cniConflist(String nodeName, String podCidr, String clusterCidr, String serviceCidr, Path ipamDir) {
        ObjectNode list = Json.object();
        list.put("cniVersion", "0.4.0").put("name", NETWORK);
        ObjectNode bridge = list.putArray("plugins").addObject();
        bridge.put("type", "bridge").put("bridge", bridgeName(nodeName)).put("isGateway", true).put("isDefaultGateway", false)
                .put("ipMasq", false).put("hairpinMode", true);
        ObjectNode ipam = bridge.putObject("ipam");
        ipam.put("type", "host-local").put("dataDir", ipamDir.toString());
        ipam.putArray("ranges").addArray().addObject().put("subnet", podCidr);
        var routes = ipam.putArray("routes");
        routes.addObject().put("dst", clusterCidr);
        if (serviceCidr != null) routes.addObject().put("dst", serviceCidr);
        return Json.text(list);
    }

    /** A Linux interface name (at most 15 bytes) of the node's bridge. */
    static String bridgeName(String nodeName) {
        return "pdm" + OciArchive.sha256(nodeName.getBytes(StandardCharsets.UTF_8)).substring(0, 8);
    }

    private static String quote(Object path) {
        return "\"" + path.toString().replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
