package dev.podium.model.table;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Instant;
import java.util.List;

/**
 * The columns of one kind and how to fill a row, as kube-apiserver prints them with
 * {@code Wide: true}: every cell is always sent and kubectl hides priority 1 columns itself.
 */
public interface KindPrinter {
    List<Column> columns();

    /** One cell per column, in column order; strings unless kube sends a number. */
    ArrayNode cells(ObjectNode object, Instant now);

    /** TableRowConditions kube attaches to the row (pods report Completed); null for none. */
    default ArrayNode conditions(ObjectNode object) {
        return null;
    }
}
