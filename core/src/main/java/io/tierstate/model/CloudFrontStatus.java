package io.tierstate.model;

import io.tierstate.error.InvalidInputException;
import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** CloudFront's {@code Distribution.Status} as last seen. Absent in state means unknown. */
public enum CloudFrontStatus {
    /** A change (create, update, disable) is still propagating to the edge locations. */
    IN_PROGRESS("InProgress"),
    /** The last change has reached every edge location. */
    DEPLOYED("Deployed");

    private final String wire;

    CloudFrontStatus(String wire) {
        this.wire = wire;
    }

    /** @return the AWS spelling, {@code InProgress} or {@code Deployed} */
    @JsonValue
    public String wireName() {
        return wire;
    }

    /**
     * Parses the AWS spelling (case-insensitive).
     *
     * @param text {@code InProgress} or {@code Deployed}
     * @return the status
     */
    @JsonCreator
    public static CloudFrontStatus parse(String text) {
        for (CloudFrontStatus s : values()) {
            if (s.wire.equalsIgnoreCase(text == null ? "" : text.trim())) {
                return s;
            }
        }
        throw new InvalidInputException("CloudFront status '" + text + "' is not one of [InProgress, Deployed]");
    }

    @Override
    public String toString() {
        return wire;
    }
}
