package dev.podium.persistence.watch;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.podium.persistence.db.DatabaseProfile;
import dev.podium.persistence.events.ObjectEvent;
import org.apache.pekko.serialization.Serialization;
import org.apache.pekko.serialization.Serializer;
import org.apache.pekko.serialization.Serializers;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/** Writes journal rows as the journal plugin does: a ConfigMap "ns/NAME" created, serialized by Pekko. */
final class JournalRows {
    private final Serialization serialization;
    private final String q;

    JournalRows(Serialization serialization, DatabaseProfile.Kind kind) {
        this.serialization = serialization;
        this.q = kind == DatabaseProfile.Kind.H2 ? "\"" : "";
    }

    /** Inserts with an ordering drawn from the table's sequence and returns it. */
    long insert(Connection c, String name) throws SQLException {
        return insert(c, name, null);
    }

    /** Inserts with the given {@code ordering}, or one drawn from the sequence when null, and returns it. */
    long insert(Connection c, String name, Long ordering) throws SQLException {
        ObjectEvent event = new ObjectEvent.ObjectCreated(configMap(name));
        Serializer serializer = serialization.findSerializerFor(event);
        String columns = String.join(", ", q("persistence_id"), q("sequence_number"), q("writer"), q("write_timestamp"),
                q("adapter_manifest"), q("event_ser_id"), q("event_ser_manifest"), q("event_payload"));
        String sql = "INSERT INTO " + q("event_journal") + " (" + columns + (ordering == null ? "" : ", " + q("ordering")) + ")"
                + " VALUES (?, 1, 'test', 0, '', ?, ?, ?" + (ordering == null ? "" : ", ?") + ")";
        try (PreparedStatement st = c.prepareStatement(sql, new String[] {"ordering"})) {
            st.setString(1, "ConfigMap|ns/" + name);
            st.setInt(2, serializer.identifier());
            st.setString(3, Serializers.manifestFor(serializer, event));
            st.setBytes(4, serialization.serialize(event).get());
            if (ordering != null) st.setLong(5, ordering);
            st.executeUpdate();
            try (ResultSet keys = st.getGeneratedKeys()) {
                keys.next();
                return keys.getLong(1);
            }
        }
    }

    private String q(String name) {
        return q + name + q;
    }

    private static ObjectNode configMap(String name) {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.put("kind", "ConfigMap");
        o.putObject("metadata").put("name", name).put("namespace", "ns");
        return o;
    }
}
