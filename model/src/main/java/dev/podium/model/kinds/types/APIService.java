package dev.podium.model.kinds.types;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMeta;

import java.util.List;

/**
 * apiregistration.k8s.io/v1 APIService, typed for strict decoding and OpenAPI: fabric8's model
 * has no class for it. Fields as kube's v1 types declare them.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"apiVersion", "kind", "metadata", "spec", "status"})
// HasMetadata's own annotations would ignore unknown fields and decode by kind: strict decoding must see this class's fields
@JsonIgnoreProperties(ignoreUnknown = false)
@JsonDeserialize(using = JsonDeserializer.None.class)
public final class APIService implements HasMetadata {
    public String apiVersion = "apiregistration.k8s.io/v1";
    public String kind = "APIService";
    public ObjectMeta metadata;
    public Spec spec;
    public Status status;

    @Override
    public ObjectMeta getMetadata() {
        return metadata;
    }

    @Override
    public void setMetadata(ObjectMeta metadata) {
        this.metadata = metadata;
    }

    @Override
    public String getApiVersion() {
        return apiVersion;
    }

    @Override
    public void setApiVersion(String apiVersion) {
        this.apiVersion = apiVersion;
    }

    @Override
    public String getKind() {
        return kind;
    }

    /** Where the group-version is served: locally (no service) or by the extension server behind a Service. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public static final class Spec {
        public ServiceReference service;
        public String group;
        public String version;
        public Boolean insecureSkipTLSVerify;
        public String caBundle;
        public Integer groupPriorityMinimum;
        public Integer versionPriority;
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public static final class ServiceReference {
        public String namespace;
        public String name;
        public Integer port;
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public static final class Status {
        public List<Condition> conditions;
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public static final class Condition {
        public String type;
        public String status;
        public String lastTransitionTime;
        public String reason;
        public String message;
    }
}
