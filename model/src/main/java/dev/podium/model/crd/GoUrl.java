package dev.podium.model.crd;

/**
 * The parts of Go's net/url parsing that kube's webhook URL and API approval checks read, with
 * Go's error texts. Go is lenient: most strings parse, as a path when nothing else fits.
 */
final class GoUrl {
    record Parts(String scheme, String user, String host, String rawQuery, String fragment) {}

    static final class ParseError extends Exception {
        ParseError(String url, String why) {
            super("parse " + GoText.quote(url) + ": " + why);
        }
    }

    private GoUrl() {}

    /** url.Parse: the fragment is split off first (and kept undecoded here). */
    static Parts parse(String raw) throws ParseError {
        int hash = raw.indexOf('#');
        String fragment = hash < 0 ? "" : raw.substring(hash + 1);
        Parts p = parse(hash < 0 ? raw : raw.substring(0, hash), false);
        return new Parts(p.scheme, p.user, p.host, p.rawQuery, fragment);
    }

    /** url.ParseRequestURI: an absolute URI or an absolute path, no fragment. */
    static Parts parseRequestUri(String raw) throws ParseError {
        return parse(raw, true);
    }

    private static Parts parse(String raw, boolean viaRequest) throws ParseError {
        for (char c : raw.toCharArray()) {
            if (c < 0x20 || c == 0x7f) throw new ParseError(raw, "net/url: invalid control character in URL");
        }
        if (raw.isEmpty() && viaRequest) throw new ParseError(raw, "empty url");
        String scheme = "";
        String rest = raw;
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (Character.isLetter(c) && c < 0x80) continue;
            if ((Character.isDigit(c) && c < 0x80 || c == '+' || c == '-' || c == '.') && i > 0) continue;
            if (c == ':') {
                if (i == 0) throw new ParseError(raw, "missing protocol scheme");
                scheme = raw.substring(0, i).toLowerCase();
                rest = raw.substring(i + 1);
            }
            break;
        }
        String rawQuery = "";
        int q = rest.indexOf('?');
        if (q >= 0) {
            rawQuery = rest.endsWith("?") && q == rest.length() - 1 ? "" : rest.substring(q + 1);
            rest = rest.substring(0, q);
        }
        if (!rest.startsWith("/")) {
            if (!scheme.isEmpty()) return new Parts(scheme, null, "", rawQuery, "");
            if (viaRequest) throw new ParseError(raw, "invalid URI for request");
            int slash = rest.indexOf('/');
            if ((slash < 0 ? rest : rest.substring(0, slash)).contains(":")) {
                throw new ParseError(raw, "first path segment in URL cannot contain colon");
            }
        }
        if ((!scheme.isEmpty() || !viaRequest && !rest.startsWith("///")) && rest.startsWith("//")) {
            String authority = rest.substring(2);
            int slash = authority.indexOf('/');
            if (slash >= 0) authority = authority.substring(0, slash);
            int at = authority.lastIndexOf('@');
            String host = host(raw, at < 0 ? authority : authority.substring(at + 1));
            String user = at < 0 ? null : authority.substring(0, at);
            if (user != null && !user.chars().allMatch(c -> c < 0x80 && (Character.isLetterOrDigit(c) || "-._:~!$&'()*+,;=%@".indexOf(c) >= 0))) {
                throw new ParseError(raw, "net/url: invalid userinfo");
            }
            return new Parts(scheme, user, host, rawQuery, "");
        }
        return new Parts(scheme, null, "", rawQuery, "");
    }

    private static String host(String raw, String host) throws ParseError {
        String colonPort = "";
        if (host.startsWith("[")) {
            int close = host.lastIndexOf(']');
            if (close < 0) throw new ParseError(raw, "missing ']' in host");
            colonPort = host.substring(close + 1);
        } else if (host.lastIndexOf(':') >= 0) {
            colonPort = host.substring(host.lastIndexOf(':'));
        }
        if (!colonPort.isEmpty() && (colonPort.charAt(0) != ':' || !colonPort.substring(1).chars().allMatch(c -> c >= '0' && c <= '9'))) {
            throw new ParseError(raw, "invalid port " + GoText.quote(colonPort) + " after host");
        }
        for (char c : host.toCharArray()) {
            if (c < 0x80 && !Character.isLetterOrDigit(c) && "-_.~!$&'()*+,;=:[]<>\"%".indexOf(c) < 0) {
                throw new ParseError(raw, "invalid character " + GoText.quote(String.valueOf(c)) + " in host name");
            }
        }
        return host;
    }
}
