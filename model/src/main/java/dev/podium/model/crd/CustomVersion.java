package dev.podium.model.crd;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.podium.model.table.KindPrinter;

/**
 * What a served version of a custom resource adds to its kind: the CustomResourceDefinition it
 * comes from, the version objects are stored at, this version's schema and printer (its additionalPrinterColumns), its
 * scale subresource (null without one), its deprecation warning (null unless deprecated), and
 * whether the definition is being deleted (no creates then).
 */
public record CustomVersion(String crdName, String singular, String storageVersion, ObjectNode schema, KindPrinter printer,
                            ScalePaths scale, String deprecationWarning, boolean terminating) {

    /** The scale subresource's JSON paths ({@code .spec.replicas}); {@code labelSelectorPath} may be empty. */
    public record ScalePaths(String specReplicasPath, String statusReplicasPath, String labelSelectorPath) {}
}
