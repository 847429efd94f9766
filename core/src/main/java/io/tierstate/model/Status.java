package io.tierstate.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Locale;

/** The lifecycle status of a deployment, written as GeuseMaker writes it (e.g. {@code rolling_back}). */
public enum Status {
    /** Resources are being created. */
    CREATING,
    /** The deployment is up. */
    RUNNING,
    /** A change is being applied. */
    UPDATING,
    /** A failed change is being rolled back. */
    ROLLING_BACK,
    /** A destroy is in progress or was interrupted; running destroy again resumes it. */
    DESTROYING,
    /** The last operation failed. */
    FAILED,
    /** Everything was destroyed. */
    TERMINATED;

    /** The value written to {@code status}. @return e.g. {@code rolling_back} */
    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Parses a status as written in state files; case and {@code -} versus {@code _} do not matter.
     *
     * @param text the status
     * @return the status
     * @throws IllegalArgumentException naming the value and the accepted ones
     */
    @JsonCreator
    public static Status parse(String text) {
        String t = text == null ? "" : text.trim().toUpperCase(Locale.ROOT).replace('-', '_');
        for (Status s : values()) {
            if (s.name().equals(t)) {
                return s;
            }
        }
        throw new IllegalArgumentException("status '" + text + "' is not one of "
                + Arrays.stream(values()).map(Status::wireName).toList());
    }

    @Override
    public String toString() {
        return wireName();
    }
}
