package io.tierstate.migration;

import io.tierstate.error.InvalidInputException;
import java.util.Optional;

/**
 * Thrown when a document's {@code schema_version} is newer than this library reads; such a document
 * is never changed or written back.
 *
 * <p>It was most likely written by a newer TierState. Upgrade TierState, or restore an older backup
 * of the file. Message: {@code "state document has schema_version 4; this library reads up to 3;
 * upgrade TierState or restore an older backup"}, prefixed with the file name when known.
 */
public final class UnsupportedSchemaVersionException extends InvalidInputException {

    private static final long serialVersionUID = 1L;

    private final String source;
    private final int foundVersion;
    private final int supportedVersion;

    /**
     * Creates an exception for a document newer than the migrator's target version.
     *
     * @param source where the document came from (a file name), or {@code null} when unknown
     * @param foundVersion the document's {@code schema_version}
     * @param supportedVersion the highest version this library reads
     */
    public UnsupportedSchemaVersionException(String source, int foundVersion, int supportedVersion) {
        super(InvalidStateDocumentException.withSourcePrefix(source,
                "state document has schema_version " + foundVersion + "; this library reads up to "
                        + supportedVersion + "; upgrade TierState to a release that reads v" + foundVersion
                        + " or restore an older backup of the file"));
        this.source = source;
        this.foundVersion = foundVersion;
        this.supportedVersion = supportedVersion;
    }

    /**
     * Returns the document's {@code schema_version}.
     *
     * @return the version found, greater than {@link #supportedVersion()}
     */
    public int foundVersion() {
        return foundVersion;
    }

    /**
     * Returns the highest {@code schema_version} this library reads.
     *
     * @return the migrator's target version, {@link SchemaVersion#CURRENT} for the standard chain
     */
    public int supportedVersion() {
        return supportedVersion;
    }

    /**
     * Returns where the document came from, when the caller said so.
     *
     * @return the source given to {@code migrate(document, source)}, or empty
     */
    public Optional<String> source() {
        return Optional.ofNullable(source);
    }
}
