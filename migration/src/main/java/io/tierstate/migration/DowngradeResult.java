package io.tierstate.migration;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * The outcome of {@link StateMigrator#downgrade}: the document at the older version and what it
 * left out because that version has no place for it.
 */
public final class DowngradeResult {

    private final ObjectNode document;
    private final int toVersion;
    private final List<String> leftOut;

    DowngradeResult(ObjectNode document, int toVersion, List<String> leftOut) {
        this.document = document;
        this.toVersion = toVersion;
        this.leftOut = List.copyOf(leftOut);
    }

    /** @return the downgraded document, a new tree that belongs to the caller */
    public ObjectNode document() {
        return document;
    }

    /** @return the version of {@link #document()} */
    public int toVersion() {
        return toVersion;
    }

    /** @return one line per field left out with its value, e.g. {@code cloudfront_status = "Deployed"} */
    public List<String> leftOut() {
        return leftOut;
    }
}
