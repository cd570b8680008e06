package dev.podium.persistence.db;

import dev.podium.persistence.PostgresDatabase;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class DatabaseProfilePostgresTest {
    private static final int NODES = 8;

    @Test
    void concurrentCreateSchemaOnAFreshDatabaseAllSucceed() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(NODES);
        try (PostgresDatabase pg = PostgresDatabase.create("podium_schema")) {
            CyclicBarrier together = new CyclicBarrier(NODES);
            List<Future<?>> nodes = new ArrayList<>();
            for (int i = 0; i < NODES; i++) {
                nodes.add(pool.submit(() -> {
                    together.await();
                    pg.profile.createSchema();
                    return null;
                }));
            }
            for (Future<?> node : nodes) node.get(60, TimeUnit.SECONDS); // rethrows a node's failure
            try (Connection c = pg.connect();
                 ResultSet rs = c.createStatement().executeQuery("SELECT count(*) FROM information_schema.tables"
                         + " WHERE table_schema = 'public' AND table_name IN ('event_journal', 'event_tag', 'snapshot')")) {
                rs.next();
                assertThat(rs.getInt(1)).as("tables created").isEqualTo(3);
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
