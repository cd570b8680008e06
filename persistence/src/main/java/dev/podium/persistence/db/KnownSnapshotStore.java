package dev.podium.persistence.db;

import com.typesafe.config.Config;
import org.apache.pekko.persistence.SelectedSnapshot;
import org.apache.pekko.persistence.SnapshotMetadata;
import org.apache.pekko.persistence.SnapshotSelectionCriteria;
import org.apache.pekko.persistence.jdbc.snapshot.JdbcSnapshotStore;
import scala.Option;
import scala.concurrent.Future;
import scala.runtime.BoxedUnit;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * pekko-persistence-jdbc's snapshot store, minus the snapshot query for entities known to have
 * none. Recovering an entity costs a snapshot query, a highest-sequence-number query and (when
 * there are events) the events; nearly every entity recovered is a new object (a pod just
 * created) or one with fewer events than the snapshot interval, whose snapshot query finds
 * nothing. This store reads which persistence ids have snapshots once when it starts and adds
 * those it saves; for any other id it answers "no snapshot" without a query. Skipping a snapshot
 * only costs replaying more events, never correctness: events are never deleted, so an id that
 * another member snapshotted after this store started is recovered from its events alone.
 */
public final class KnownSnapshotStore extends JdbcSnapshotStore {
    private final Set<String> withSnapshots = ConcurrentHashMap.newKeySet();
    /** False when the ids could not be read at start: then every load asks the database. */
    private final boolean known;

    public KnownSnapshotStore(Config config) {
        super(config);
        this.known = readIdsWithSnapshots(context().system().settings().config().getConfig("pekko-persistence-jdbc.shared-databases.podium.db"));
    }

    private boolean readIdsWithSnapshots(Config pluginDb) {
        DatabaseProfile db = DatabaseProfile.fromPluginConfig(pluginDb);
        try (Connection c = db.connect();
             Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT DISTINCT " + db.identifier("persistence_id") + " FROM " + db.identifier("snapshot"))) {
            while (rs.next()) withSnapshots.add(rs.getString(1));
            return true;
        } catch (SQLException e) {
            log().warning("could not read which entities have snapshots ({}); every recovery will query for one", e.getMessage());
            return false;
        }
    }

    @Override
    public Future<Option<SelectedSnapshot>> loadAsync(String persistenceId, SnapshotSelectionCriteria criteria) {
        if (known && !withSnapshots.contains(persistenceId)) return Future.successful(Option.empty());
        return super.loadAsync(persistenceId, criteria);
    }

    @Override
    public Future<BoxedUnit> saveAsync(SnapshotMetadata metadata, Object snapshot) {
        withSnapshots.add(metadata.persistenceId());
        return super.saveAsync(metadata, snapshot);
    }
}
