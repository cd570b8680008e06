package dev.podium.http.security;

import dev.podium.model.rbac.UserInfo;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * kube-apiserver's {@code --token-auth-file}: one static bearer token per CSV line,
 * {@code token,user,uid,"group1,group2"} (the groups column optional).
 */
public final class TokenFile {
    private final Map<String, UserInfo> users;

    private TokenFile(Map<String, UserInfo> users) {
        this.users = users;
    }

    public static TokenFile empty() {
        return new TokenFile(Map.of());
    }

    public static TokenFile read(Path file) throws IOException {
        Map<String, UserInfo> users = new HashMap<>();
        List<String> lines = Files.readAllLines(file);
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) continue;
            List<String> cols = csv(line);
            if (cols.size() < 3 || cols.get(0).isEmpty() || cols.get(1).isEmpty()) {
                throw new IllegalArgumentException(file + " line " + (i + 1) + ": expected token,user,uid[,\"group1,group2\"]");
            }
            List<String> groups = new ArrayList<>();
            if (cols.size() > 3) for (String g : cols.get(3).split(",")) if (!g.isBlank()) groups.add(g.strip());
            users.put(cols.get(0), UserInfo.authenticated(cols.get(1), cols.get(2), groups));
        }
        return new TokenFile(Map.copyOf(users));
    }

    public Optional<UserInfo> user(String token) {
        return Optional.ofNullable(users.get(token));
    }

    /** Comma-separated columns; a column in double quotes may hold commas. */
    static List<String> csv(String line) {
        List<String> cols = new ArrayList<>();
        StringBuilder col = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '"') quoted = !quoted;
            else if (c == ',' && !quoted) {
                cols.add(col.toString().strip());
                col.setLength(0);
            } else col.append(c);
        }
        cols.add(col.toString().strip());
        return cols;
    }
}
