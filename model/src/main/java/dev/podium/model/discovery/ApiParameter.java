package dev.podium.model.discovery;

/** One OpenAPI operation parameter: a path segment or a query option. */
record ApiParameter(String name, String in, String type, String description, boolean required) {
    static ApiParameter path(String name, String description) {
        return new ApiParameter(name, "path", "string", description, true);
    }

    static ApiParameter query(String name, String type, String description) {
        return new ApiParameter(name, "query", type, description, false);
    }

    static final ApiParameter PRETTY = query("pretty", "string",
            "If 'true', then the output is pretty printed. Defaults to 'false' unless the user-agent indicates a browser or command-line HTTP tool (curl and wget).");
    static final ApiParameter DRY_RUN = query("dryRun", "string",
            "When present, indicates that modifications should not be persisted. An invalid or unrecognized dryRun directive will result in an error response and no further processing of the request. Valid values are: - All: all dry run stages will be processed");
    static final ApiParameter FIELD_MANAGER = query("fieldManager", "string",
            "fieldManager is a name associated with the actor or entity that is making these changes. The value must be less than or 128 characters long, and only contain printable characters, as defined by https://golang.org/pkg/unicode/#IsPrint.");
    static final ApiParameter FIELD_VALIDATION = query("fieldValidation", "string",
            "fieldValidation instructs the server on how to handle objects in the request (POST/PUT/PATCH) containing unknown or duplicate fields. Valid values are: - Ignore - Warn - Strict");
    static final ApiParameter FORCE = query("force", "boolean",
            "Force is going to \"force\" Apply requests. It means user will re-acquire conflicting fields owned by other people. Force flag must be unset for non-apply patch requests.");
    static final ApiParameter GRACE_PERIOD = query("gracePeriodSeconds", "integer",
            "The duration in seconds before the object should be deleted. Value must be non-negative integer. The value zero indicates delete immediately.");
    static final ApiParameter IGNORE_STORE_READ_ERROR = query("ignoreStoreReadErrorWithClusterBreakingPotential", "boolean",
            "if set to true, it will trigger an unsafe deletion of the resource in case the normal deletion flow fails with a corrupt object error.");
    static final ApiParameter ORPHAN_DEPENDENTS = query("orphanDependents", "boolean",
            "Deprecated: please use the PropagationPolicy, this field will be deprecated in 1.7. Should the dependent objects be orphaned.");
    static final ApiParameter PROPAGATION_POLICY = query("propagationPolicy", "string",
            "Whether and how garbage collection will be performed. Acceptable values are: 'Orphan', 'Background', 'Foreground'.");
    static final ApiParameter ALLOW_WATCH_BOOKMARKS = query("allowWatchBookmarks", "boolean",
            "allowWatchBookmarks requests watch events with type \"BOOKMARK\".");
    static final ApiParameter CONTINUE = query("continue", "string",
            "The continue option should be set when retrieving more results from the server.");
    static final ApiParameter FIELD_SELECTOR = query("fieldSelector", "string",
            "A selector to restrict the list of returned objects by their fields. Defaults to everything.");
    static final ApiParameter LABEL_SELECTOR = query("labelSelector", "string",
            "A selector to restrict the list of returned objects by their labels. Defaults to everything.");
    static final ApiParameter LIMIT = query("limit", "integer",
            "limit is a maximum number of responses to return for a list call.");
    static final ApiParameter RESOURCE_VERSION = query("resourceVersion", "string",
            "resourceVersion sets a constraint on what resource versions a request may be served from.");
    static final ApiParameter RESOURCE_VERSION_MATCH = query("resourceVersionMatch", "string",
            "resourceVersionMatch determines how resourceVersion is applied to list calls.");
    static final ApiParameter SEND_INITIAL_EVENTS = query("sendInitialEvents", "boolean",
            "`sendInitialEvents=true` may be set together with `watch=true`. In that case, the watch stream will begin with synthetic events to produce the current state of objects in the collection.");
    static final ApiParameter TIMEOUT_SECONDS = query("timeoutSeconds", "integer",
            "Timeout for the list/watch call. This limits the duration of the call, regardless of any activity or inactivity.");
    static final ApiParameter WATCH = query("watch", "boolean",
            "Watch for changes to the described resources and return them as a stream of add, update, and remove notifications.");
}
