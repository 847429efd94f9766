package io.tierstate.store.spi;

import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * One entry of a backend's listing: the name it is stored under and how to read it. Reading is
 * deferred so the engine can read and decode many entries in parallel; a backend that fetched every
 * document in one query returns them already read.
 *
 * @param name the name it is stored under, as found (it may not be a valid stack name)
 * @param source where it is, for messages
 * @param reader reads it; empty when it vanished since the listing; may throw a typed error for this entry alone
 */
public record Listed(String name, String source, Supplier<Optional<Stored>> reader) {

    /** Checks the parts. */
    public Listed {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(reader, "reader");
    }

    /** @return the document, read now */
    public Optional<Stored> read() {
        return reader.get();
    }
}
