package dev.podium.actors.proxy;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;

/** Programs {@link NftablesRules} with {@code nft -f -}, only when they changed. */
final class NftablesBackend implements ProxyBackend {
    private static final Logger log = LoggerFactory.getLogger(NftablesBackend.class);
    private final String table;
    private final String serviceCidr;
    private String loaded = "";
    private String lastFailure = "";

    NftablesBackend(String table, String serviceCidr) {
        this.table = table;
        this.serviceCidr = serviceCidr;
        ServiceRange.ensure(serviceCidr);
    }

    /** Whether this host can take nftables rules: root, the nft tool, and a table that loads. */
    static boolean usable(String table) {
        if (!HostCommands.isRoot() || !HostCommands.has("nft")) return false;
        String probe = "table ip " + table + "-probe\ndelete table ip " + table + "-probe\n";
        return HostCommands.run(List.of("nft", "-f", "-"), probe).ok();
    }

    @Override
    public void program(List<ProxiedPort> ports) {
        String script = NftablesRules.render(table, serviceCidr, ports);
        if (script.equals(loaded)) return;
        HostCommands.Result r = HostCommands.run(List.of("nft", "-f", "-"), script);
        if (r.ok()) {
            loaded = script;
            lastFailure = "";
        } else if (!r.output().equals(lastFailure)) {
            lastFailure = r.output();
            log.error("nft refused the Service rules of table {} (kept the previous ones): {}", table, r.output());
        }
    }

    /** A table that is gone (a member sharing this host stopped and removed it) is loaded again. */
    @Override
    public void repair() {
        if (!loaded.isEmpty() && !HostCommands.run("nft", "list", "table", "ip", table).ok()) {
            log.info("nftables table {} was removed by someone else; loading it again", table);
            loaded = "";
        }
    }

    @Override
    public String mode() {
        return "nftables";
    }

    @Override
    public void close() {
        HostCommands.run("nft", "delete", "table", "ip", table);
    }
}
