package dev.podium.model.kinds.rules;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.podium.model.api.Cause;
import dev.podium.model.validation.NameValidation;
import dev.podium.model.validation.Nodes;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;

/** A webhook's clientConfig: exactly one of an https url or a service reference (kube's ValidateWebhookURL and ValidateWebhookService). */
final class WebhookClientConfigValidation {
    private static final String FORM = "; desired format: https://host[/path]";

    private WebhookClientConfigValidation() {}

    static List<Cause> clientConfig(ObjectNode cc, String path) {
        String url = Nodes.text(cc, "url");
        ObjectNode service = Nodes.obj(cc, "service");
        if ((url == null) == (service == null)) return List.of(Cause.required(path, "exactly one of url or service is required"));
        return url != null ? url(url, path + ".url") : service(service, path + ".service");
    }

    static List<Cause> url(String url, String path) {
        URI u;
        try {
            u = new URI(url);
        } catch (URISyntaxException e) {
            return List.of(Cause.required(path, "url must be a valid URL: parse \"" + url + "\": " + e.getReason() + FORM));
        }
        List<Cause> errs = new ArrayList<>();
        String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase();
        if (!scheme.equals("https")) errs.add(Cause.invalid(path, scheme, "'https' is the only allowed URL scheme" + FORM));
        String authority = u.getRawAuthority() == null ? "" : u.getRawAuthority();
        String host = authority.substring(authority.indexOf('@') + 1);
        if (host.isEmpty()) errs.add(Cause.invalid(path, host, "host must be provided" + FORM));
        if (u.getRawUserInfo() != null) errs.add(Cause.invalid(path, u.getRawUserInfo(), "user information is not permitted in the URL"));
        if (u.getRawFragment() != null && !u.getRawFragment().isEmpty()) {
            errs.add(Cause.invalid(path, u.getFragment(), "fragments are not permitted in the URL"));
        }
        if (u.getRawQuery() != null && !u.getRawQuery().isEmpty()) {
            errs.add(Cause.invalid(path, u.getRawQuery(), "query parameters are not permitted in the URL"));
        }
        return errs;
    }

    /**
     * Kube passes the service's name where ValidateWebhookService expects the namespace and the
     * other way round (kubernetes/kubernetes#141353), so a missing name is reported on
     * {@code namespace}; the messages here are kube's, mislabelling included.
     */
    static List<Cause> service(ObjectNode service, String path) {
        List<Cause> errs = new ArrayList<>();
        if (Nodes.str(service, "namespace").isEmpty()) errs.add(Cause.required(path + ".name", "service name is required"));
        if (Nodes.str(service, "name").isEmpty()) errs.add(Cause.required(path + ".namespace", "service namespace is required"));
        Long port = Nodes.integer(service, "port");
        long p = port == null ? 0 : port;
        List<String> portErrors = NameValidation.portNumber(p);
        if (!portErrors.isEmpty()) errs.add(Cause.invalid(path + ".port", p, "port is not valid: " + String.join(", ", portErrors)));
        String urlPath = Nodes.text(service, "path");
        if (urlPath == null || urlPath.isEmpty() || urlPath.equals("/")) return errs;
        if (urlPath.equals("//")) {
            errs.add(Cause.invalid(path + ".path", urlPath, "segment[0] may not be empty"));
            return errs;
        }
        if (!urlPath.startsWith("/")) errs.add(Cause.invalid(path + ".path", urlPath, "must start with a '/'"));
        String check = urlPath.substring(1);
        if (check.endsWith("/")) check = check.substring(0, check.length() - 1);
        String[] steps = check.split("/", -1);
        for (int i = 0; i < steps.length; i++) {
            if (steps[i].isEmpty()) {
                errs.add(Cause.invalid(path + ".path", urlPath, "segment[" + i + "] may not be empty"));
                continue;
            }
            for (String failure : NameValidation.dns1123Subdomain(steps[i])) {
                errs.add(Cause.invalid(path + ".path", urlPath, "segment[" + i + "]: " + failure));
            }
        }
        return errs;
    }
}
