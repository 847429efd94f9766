package io.tierstate.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/**
 * Whether a resource was created for this deployment or reused from elsewhere. Destroy deletes only
 * what was {@link #CREATED}; a resource with no recorded provenance counts as created.
 */
public enum Provenance {
    /** Created for this deployment: destroy deletes it. */
    CREATED,
    /** Existed before (a shared VPC, say): destroy never touches it. */
    REUSED;

    /** @return {@code created} or {@code reused} */
    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Parses {@code created} or {@code reused}.
     *
     * @param text the value
     * @return the provenance
     */
    @JsonCreator
    public static Provenance parse(String text) {
        String t = text == null ? "" : text.trim().toUpperCase(Locale.ROOT);
        for (Provenance p : values()) {
            if (p.name().equals(t)) {
                return p;
            }
        }
        throw new IllegalArgumentException("provenance '" + text + "' is not one of [created, reused]");
    }

    @Override
    public String toString() {
        return wireName();
    }
}
