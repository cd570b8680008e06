package dev.podium.model.table;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.podium.model.json.Json;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** NAME ROLE AGE, and with -o wide USERS GROUPS SERVICEACCOUNTS: kube's printer for RoleBindings and ClusterRoleBindings. */
final class RoleBindingColumns implements KindPrinter {
    private static final List<Column> COLUMNS = List.of(
            Column.nameColumn(),
            Column.text("Role", "RoleRef can reference a Role in the current namespace or a ClusterRole in the global namespace. "
                    + "If the RoleRef cannot be resolved, the Authorizer must return an error. This field is immutable."),
            Column.ageColumn(),
            Column.wide("Users", "Users in the roleBinding"),
            Column.wide("Groups", "Groups in the roleBinding"),
            Column.wide("ServiceAccounts", "ServiceAccounts in the roleBinding"));

    @Override
    public List<Column> columns() {
        return COLUMNS;
    }

    @Override
    public ArrayNode cells(ObjectNode binding, Instant now) {
        List<String> users = new ArrayList<>();
        List<String> groups = new ArrayList<>();
        List<String> serviceAccounts = new ArrayList<>();
        for (JsonNode s : Fields.list(binding, "subjects")) {
            String name = s.path("name").asText();
            switch (s.path("kind").asText()) {
                case "User" -> users.add(name);
                case "Group" -> groups.add(name);
                case "ServiceAccount" -> serviceAccounts.add(s.path("namespace").asText() + "/" + name);
                default -> { }
            }
        }
        return Json.MAPPER.createArrayNode()
                .add(Fields.text(binding, "metadata", "name"))
                .add(Fields.text(binding, "roleRef", "kind") + "/" + Fields.text(binding, "roleRef", "name"))
                .add(HumanDuration.since(Fields.at(binding, "metadata", "creationTimestamp"), now))
                .add(String.join(", ", users))
                .add(String.join(", ", groups))
                .add(String.join(", ", serviceAccounts));
    }
}
