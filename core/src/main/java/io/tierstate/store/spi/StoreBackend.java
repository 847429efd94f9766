package io.tierstate.store.spi;

import io.tierstate.port.StateBackup;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Where a store keeps its bytes: the narrow surface {@link io.tierstate.store.engine.VersionedStateStore}
 * needs, and nothing of the rules. A backend never parses a state document, never picks a serial or
 * a timestamp and never decides a label; it reads, writes on a condition, deletes and lists.
 *
 * <p>Writes are conditional: {@link #create} only where nothing is stored, {@link #replace},
 * {@link #remove} and {@link #archive} only while the stored version token is the one the engine
 * read. A failed condition is not an error: the method reports it and changes nothing, and the engine
 * reads again. Every write is atomic (a reader sees the old or the new bytes) and durable when the
 * method returns, except inside {@link #inBatch}, which may complete durability at its end.
 *
 * <p>Names reach a backend validated ({@link io.tierstate.model.StackName}), except the names its own
 * {@link #list()} returned, which {@code migrateAll} passes back as they were found. A backend maps
 * its technology's errors to {@link io.tierstate.error.StateStoreException} (or a more precise TierState
 * type) once, with a message that names the object and the fix, and keeps secrets out of it.
 *
 * <p>To write one (DynamoDB, Git ...), implement this interface, extend {@code StoreBackendContract}
 * from core's test-jar for the primitives and {@code StateStoreContract} for the rules, and open the
 * store with {@code VersionedStateStore.over(backend)}.
 */
public interface StoreBackend extends AutoCloseable {

    /** @return what this backend is, for {@code describe()}, e.g. {@code S3 store at s3://acme-ops/tierstate/} */
    String describe();

    /** @return where deployments live, for "not found" and "exists" messages, e.g. a directory */
    String location();

    /** @return what holds one document, for messages: {@code file}, {@code object}, {@code row} */
    String kind();

    /**
     * @param name a deployment
     * @return where its live document is (whether or not it exists), for messages
     */
    String source(String name);

    /**
     * Reads a live document.
     *
     * @param name the deployment
     * @return its bytes and version token, or empty when nothing is stored
     */
    Optional<Stored> read(String name);

    /**
     * Lists every live document, sorted by name. Entries whose names are not valid stack names are
     * listed too; the engine reports them.
     *
     * @return the entries
     */
    List<Listed> list();

    /**
     * Writes a document where nothing is stored under its name.
     *
     * @param document the document
     * @return whether it was written (false: the name is taken)
     */
    boolean create(Document document);

    /**
     * Writes documents copied from another store, each where nothing is stored under its name. A
     * backend that can write many at once (one transaction) overrides this; the result is the same
     * as calling {@link #create} for each.
     *
     * @param documents the documents
     * @return for each document, in order, whether it was written
     */
    default List<Boolean> createAll(List<Document> documents) {
        List<Boolean> written = new ArrayList<>(documents.size());
        for (Document d : documents) {
            written.add(create(d));
        }
        return written;
    }

    /**
     * Replaces a live document if its version token is still {@code expectedVersion}, keeping a backup of
     * the replaced one first when asked; a backup is never kept without the write it belongs to.
     *
     * @param document the new document
     * @param expectedVersion the token of the document it replaces
     * @param backup the backup to keep, if any
     * @return whether it was written, and the backup
     */
    WriteResult replace(Document document, String expectedVersion, Optional<BackupRequest> backup);

    /**
     * Removes a live document if its version token is still {@code expectedVersion}, keeping a backup first.
     *
     * @param name the deployment
     * @param expectedVersion the token read
     * @param backup the backup to keep
     * @return whether it was removed (false: it changed or vanished)
     */
    WriteResult remove(String name, String expectedVersion, BackupRequest backup);

    /**
     * Moves a live document to the archive if its version token is still {@code expectedVersion}.
     *
     * @param name the deployment
     * @param expectedVersion the token read
     * @param document the bytes to archive (the live document's)
     * @param at when, for the archive's name or row
     * @return where the archived document is, or empty when the condition failed
     */
    Optional<String> archive(String name, String expectedVersion, byte[] document, Instant at);

    /**
     * Reads the newest archived document of a deployment.
     *
     * @param name the deployment
     * @return it, or empty when none is archived
     */
    Optional<Stored> latestArchive(String name);

    /**
     * Keeps a backup that belongs to no write ({@code keepBackup}).
     *
     * @param name the deployment
     * @param backup the backup
     * @return where it is
     */
    StateBackup putBackup(String name, BackupRequest backup);

    /**
     * Lists a deployment's backups, newest first.
     *
     * @param name the deployment
     * @return the backups
     */
    List<StateBackup> backups(String name);

    /**
     * Reads a backup's document.
     *
     * @param name the deployment
     * @param backup one of {@link #backups(String)}
     * @return the document, uncompressed
     * @throws IllegalArgumentException when it is not one of this deployment's backups here
     */
    Stored readBackup(String name, StateBackup backup);

    /**
     * Reads the lease record of a deployment.
     *
     * @param name the deployment
     * @return the record, or empty when there is none (or it cannot be read)
     */
    Optional<LeaseRecord> readLease(String name);

    /**
     * Writes a lease record if no live lease is stored, or if the stored one carries {@code replacing}
     * (a takeover of a lease whose holder is known to be dead). Whether a stored lease is live is
     * judged by the backend's clock where it has one (a database's), else at {@code now}.
     *
     * @param name the deployment
     * @param owner the new holder
     * @param token the new lease's token
     * @param ttl how long it lasts
     * @param now the engine's clock
     * @param replacing the token of the live lease to take over, or empty
     * @return the new lease's expiry, or empty when the condition failed
     */
    Optional<Instant> takeLease(String name, String owner, String token, Duration ttl, Instant now,
            Optional<String> replacing);

    /**
     * Extends a lease if the stored record still carries {@code token}.
     *
     * @param name the deployment
     * @param token the lease's token
     * @param ttl the new time to live, from now
     * @param now the engine's clock
     * @return the new expiry, or empty when the lease is no longer this token's
     */
    Optional<Instant> renewLease(String name, String token, Duration ttl, Instant now);

    /**
     * Releases a lease if the stored record still carries {@code token}; a successor's lease is left alone.
     *
     * @param name the deployment
     * @param token the lease's token
     */
    void releaseLease(String name, String token);

    /**
     * Runs one read-modify-write of a deployment, excluding other writers of it for its duration where
     * the backend can (a lock file); the engine then needs no retry. The default runs it as it is:
     * optimistic backends rely on the conditional writes alone.
     *
     * @param name the deployment
     * @param work the read-modify-write
     * @param <T> its result
     * @return its result
     */
    default <T> T exclusive(String name, Supplier<T> work) {
        return work.get();
    }

    /**
     * Runs several writes of one thread whose durability may be completed together when the batch
     * ends (one directory fsync after several renames). Every write made in it is durable when this
     * method returns, and nothing is reported done before; each still replaces old with new atomically.
     *
     * @param work the writes
     * @param <T> their result
     * @return their result
     */
    default <T> T inBatch(Supplier<T> work) {
        return work.get();
    }

    /**
     * How this backend keeps documents; the plain v3 form unless it shares them with another tool.
     *
     * @return the form
     */
    default DocumentForm form() {
        return DocumentForm.PLAIN;
    }

    /** Releases what the backend holds (a client it created); the default does nothing. */
    @Override
    default void close() {}
}
