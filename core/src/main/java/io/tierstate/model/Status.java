package io.tierstate.model;

import io.tierstate.error.InvalidInputException;
import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * The lifecycle status of a deployment, written as GeuseMaker writes it (e.g. {@code rolling_back}):
 * an open vocabulary, kept verbatim. The well-known values are constants; anything else a file holds
 * (GeuseMaker's state recovery writes {@code discovered}) is read and written back unchanged.
 *
 * <pre>{@code
 * Status s = Status.of("discovered");   // not a well-known value, kept as is
 * boolean known = s.isKnown();          // false
 * }</pre>
 */
public final class Status {

    /** Resources are being created. */
    public static final Status CREATING = new Status("creating");
    /** The deployment is up. */
    public static final Status RUNNING = new Status("running");
    /** A change is being applied. */
    public static final Status UPDATING = new Status("updating");
    /** A failed change is being rolled back. */
    public static final Status ROLLING_BACK = new Status("rolling_back");
    /** A destroy is in progress or was interrupted; running destroy again resumes it. */
    public static final Status DESTROYING = new Status("destroying");
    /** The last operation failed. */
    public static final Status FAILED = new Status("failed");
    /** Everything was destroyed. */
    public static final Status TERMINATED = new Status("terminated");
    /** Found in the account by GeuseMaker's state recovery, not created by a recorded run. */
    public static final Status DISCOVERED = new Status("discovered");

    private static final List<Status> KNOWN = List.of(CREATING, RUNNING, UPDATING, ROLLING_BACK, DESTROYING, FAILED,
            TERMINATED, DISCOVERED);

    private final String value;

    private Status(String value) {
        this.value = value;
    }

    /**
     * The status written as {@code value}, kept verbatim; the well-known constants are returned for
     * their exact wire names.
     *
     * @param value the status as written in a state file
     * @return the status
     */
    @JsonCreator
    public static Status of(String value) {
        Objects.requireNonNull(value, "status value");
        for (Status s : KNOWN) {
            if (s.value.equals(value)) {
                return s;
            }
        }
        return new Status(value);
    }

    /**
     * Parses a status as a person types it: case and {@code -} versus {@code _} do not matter for the
     * well-known values; anything else is taken verbatim.
     *
     * @param text the status, e.g. {@code Rolling-Back}
     * @return the status
     * @throws IllegalArgumentException when the text is blank
     */
    public static Status parse(String text) {
        if (text == null || text.isBlank()) {
            throw new InvalidInputException("status is empty; use one of " + KNOWN);
        }
        String t = text.trim().toLowerCase(Locale.ROOT).replace('-', '_');
        for (Status s : KNOWN) {
            if (s.value.equals(t)) {
                return s;
            }
        }
        return new Status(text.trim());
    }

    /** @return the well-known values */
    public static List<Status> known() {
        return KNOWN;
    }

    /** The value written to {@code status}. @return e.g. {@code rolling_back} */
    @JsonValue
    public String wireName() {
        return value;
    }

    /** @return whether this is one of the {@linkplain #known() well-known values} */
    public boolean isKnown() {
        return KNOWN.contains(this);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Status s && s.value.equals(value);
    }

    @Override
    public int hashCode() {
        return value.hashCode();
    }

    @Override
    public String toString() {
        return value;
    }
}
