package io.tierstate.store.spi;

import java.util.Objects;
import java.util.OptionalLong;

/**
 * A document as a backend holds it: its bytes, the version token a conditional write is checked
 * against, and where it is, for messages.
 *
 * @param bytes the document exactly as stored
 * @param version an opaque token that changes with every write (an ETag, a row version, a file's identity)
 * @param source the file, object or row, e.g. {@code s3://bucket/deployments/web.json}
 * @param serial the serial the backend keeps beside the document (a version column), which wins over
 *     the one in the document; empty when the document's own serial is authoritative
 */
public record Stored(byte[] bytes, String version, String source, OptionalLong serial) {

    /** Checks the parts. */
    public Stored {
        Objects.requireNonNull(bytes, "bytes");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(serial, "serial");
    }

    /**
     * A document whose serial is the one inside it.
     *
     * @param bytes the document
     * @param version its version token
     * @param source where it is
     * @return the stored document
     */
    public static Stored of(byte[] bytes, String version, String source) {
        return new Stored(bytes, version, source, OptionalLong.empty());
    }
}
