package dev.podium.tests;

import dev.podium.persistence.PostgresDatabase;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;

import static org.assertj.core.api.Assertions.assertThat;

/** The same API on a real PostgreSQL journal: writes, conflicts, restarts. */
class PostgresStoreTest {
    @Test
    void objectsAreStoredInPostgresAndSurviveARestart() throws Exception {
        try (PostgresDatabase pg = PostgresDatabase.create("podium_test");
             TestNode node = TestNode.start(Files.createTempDirectory("podium-pg"), pg.profile)) {
            Kubectl kubectl = new Kubectl(node.kubeconfig());
            kubectl.run("create", "namespace", "pg").ok();
            kubectl.run("-n", "pg", "create", "configmap", "stored", "--from-literal=k=v").ok();
            kubectl.run("-n", "pg", "label", "configmap", "stored", "tier=db").ok();
            String before = kubectl.run("-n", "pg", "get", "cm", "stored", "-o", "yaml").ok().out();
            try (var c = pg.profile.connect(); var st = c.createStatement();
                 var rs = st.executeQuery("select count(*) from event_journal where persistence_id = 'ConfigMap|pg/stored'")) {
                rs.next();
                assertThat(rs.getInt(1)).isEqualTo(2);
            }
            node.restart();
            kubectl = new Kubectl(node.kubeconfig());
            assertThat(kubectl.run("-n", "pg", "get", "cm", "stored", "-o", "yaml").ok().out()).isEqualTo(before);
            Kubectl.Result fresh = kubectl.runWithInput(before.replace("k: v", "k: w").replace("tier: db", "tier: x"), "replace", "-f", "-");
            assertThat(fresh.exit()).isZero();
            Kubectl.Result conflict = kubectl.runWithInput(before, "replace", "-f", "-");
            assertThat(conflict.err()).contains("the object has been modified");
        }
    }
}
