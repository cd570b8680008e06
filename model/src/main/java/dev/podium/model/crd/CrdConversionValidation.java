package dev.podium.model.crd;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.podium.model.api.Cause;
import dev.podium.model.validation.Causes;
import dev.podium.model.validation.NameValidation;
import dev.podium.model.validation.Nodes;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * spec.conversion. kube reports it with its internal field names, so v1's
 * {@code webhook.clientConfig} is {@code spec.conversion.webhookClientConfig} and
 * {@code webhook.conversionReviewVersions} is {@code spec.conversion.conversionReviewVersions}.
 */
final class CrdConversionValidation {
    static final String PATH = "spec.conversion";
    static final List<String> STRATEGIES = List.of("None", "Webhook");
    /** The ConversionReview versions kube can send, sorted. */
    static final List<String> REVIEW_VERSIONS = List.of("v1", "v1beta1");
    private static final String FORM = "; desired format: https://host[/path]";
    private static final String NOT_WEBHOOK = "should not be set when strategy is not set to Webhook";

    private CrdConversionValidation() {}

    static void validate(JsonNode conversion, boolean requireRecognizedReviewVersion, List<Cause> errs) {
        if (conversion == null || conversion.isNull()) return;
        String strategy = Nodes.str(conversion, "strategy");
        if (strategy.isEmpty()) errs.add(Cause.required(PATH + ".strategy"));
        else if (!STRATEGIES.contains(strategy)) errs.add(Cause.notSupported(PATH + ".strategy", strategy, STRATEGIES));
        JsonNode webhook = conversion.get("webhook");
        ObjectNode clientConfig = Nodes.obj(webhook, "clientConfig");
        String ccPath = PATH + ".webhookClientConfig";
        if (strategy.equals("Webhook")) {
            if (clientConfig == null) {
                errs.add(Cause.required(ccPath, "required when strategy is set to Webhook"));
            } else {
                String url = Nodes.text(clientConfig, "url");
                ObjectNode service = Nodes.obj(clientConfig, "service");
                if ((url == null) == (service == null)) errs.add(Cause.required(ccPath, "exactly one of url or service is required"));
                else if (url != null) webhookUrl(ccPath + ".url", url, errs);
                else webhookService(ccPath + ".service", service, errs);
            }
            reviewVersions(Nodes.strings(webhook, "conversionReviewVersions"), requireRecognizedReviewVersion, errs);
        } else {
            if (clientConfig != null) errs.add(Cause.forbidden(ccPath, NOT_WEBHOOK));
            if (!Nodes.strings(webhook, "conversionReviewVersions").isEmpty()) {
                errs.add(Cause.forbidden(PATH + ".conversionReviewVersions", NOT_WEBHOOK));
            }
        }
    }

    private static void reviewVersions(List<String> versions, boolean requireRecognized, List<Cause> errs) {
        String path = PATH + ".conversionReviewVersions";
        if (versions.isEmpty()) {
            errs.add(Cause.required(path));
            return;
        }
        Set<String> seen = new HashSet<>();
        boolean recognized = false;
        for (int i = 0; i < versions.size(); i++) {
            String v = versions.get(i);
            if (!seen.add(v)) {
                errs.add(Cause.invalid(path + "[" + i + "]", v, "duplicate version"));
                continue;
            }
            for (String problem : NameValidation.dns1035Label(v)) errs.add(Cause.invalid(path + "[" + i + "]", v, problem));
            recognized |= REVIEW_VERSIONS.contains(v);
        }
        if (requireRecognized && !recognized) {
            errs.add(Causes.invalidRendered(path, GoText.strings(versions), "must include at least one of " + String.join(", ", REVIEW_VERSIONS)));
        }
    }

    /** kube's ValidateWebhookURL with https required. */
    static void webhookUrl(String field, String url, List<Cause> errs) {
        GoUrl.Parts u;
        try {
            u = GoUrl.parse(url);
        } catch (GoUrl.ParseError e) {
            errs.add(Cause.required(field, "url must be a valid URL: " + e.getMessage() + FORM));
            return;
        }
        if (!u.scheme().equals("https")) errs.add(Cause.invalid(field, u.scheme(), "'https' is the only allowed URL scheme" + FORM));
        if (u.host().isEmpty()) errs.add(Cause.invalid(field, u.host(), "host must be specified" + FORM));
        if (u.user() != null) errs.add(Cause.invalid(field, u.user(), "user information is not permitted in the URL"));
        if (!u.fragment().isEmpty()) errs.add(Cause.invalid(field, u.fragment(), "fragments are not permitted in the URL"));
        if (!u.rawQuery().isEmpty()) errs.add(Cause.invalid(field, u.rawQuery(), "query parameters are not permitted in the URL"));
    }

    /**
     * kube's ValidateWebhookService. kube passes the service's name where the function expects the
     * namespace and the other way round, so a missing namespace is reported as a missing name.
     */
    static void webhookService(String path, ObjectNode service, List<Cause> errs) {
        if (Nodes.str(service, "namespace").isEmpty()) errs.add(Cause.required(path + ".name", "service name is required"));
        if (Nodes.str(service, "name").isEmpty()) errs.add(Cause.required(path + ".namespace", "service namespace is required"));
        Long port = Nodes.integer(service, "port");
        long p = port == null ? 443 : port;
        for (String problem : NameValidation.portNumber(p)) errs.add(Cause.invalid(path + ".port", p, "port is not valid: " + problem));
        String urlPath = Nodes.text(service, "path");
        if (urlPath == null || urlPath.isEmpty() || urlPath.equals("/")) return;
        String field = path + ".path";
        if (urlPath.equals("//")) {
            errs.add(Cause.invalid(field, urlPath, "segment[0] may not be empty"));
            return;
        }
        if (!urlPath.startsWith("/")) errs.add(Cause.invalid(field, urlPath, "must start with a '/'"));
        String toCheck = urlPath.substring(1);
        if (toCheck.endsWith("/")) toCheck = toCheck.substring(0, toCheck.length() - 1);
        String[] steps = toCheck.split("/", -1);
        for (int i = 0; i < steps.length; i++) {
            if (steps[i].isEmpty()) {
                errs.add(Cause.invalid(field, urlPath, "segment[" + i + "] may not be empty"));
                continue;
            }
            for (String problem : NameValidation.dns1123Subdomain(steps[i])) {
                errs.add(Cause.invalid(field, urlPath, "segment[" + i + "]: " + problem));
            }
        }
    }
}
