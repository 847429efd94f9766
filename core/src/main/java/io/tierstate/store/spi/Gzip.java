package io.tierstate.store.spi;

import io.tierstate.error.CorruptStateException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/** Gzip for backends that compress backups (files, objects), bounded as state documents are. */
public final class Gzip {

    /** The largest document a backup may hold: a state document is refused above 16 MiB. */
    public static final int MAX_DOCUMENT_BYTES = 16 * 1024 * 1024;

    private Gzip() {}

    /**
     * Compresses a document for a backup.
     *
     * @param bytes the document
     * @return gzip bytes
     */
    public static byte[] gzip(byte[] bytes) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(bytes.length / 3 + 64);
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /**
     * Decompresses a backup, refusing more than a state document can be.
     *
     * @param bytes gzip bytes
     * @param source the backup, for messages
     * @return the document
     * @throws CorruptStateException when it is not gzip
     */
    public static byte[] gunzip(byte[] bytes, String source) {
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(bytes))) {
            return in.readNBytes(MAX_DOCUMENT_BYTES + 1);
        } catch (IOException e) {
            throw new CorruptStateException(source, 0, 0, "is not a gzip backup: " + e.getMessage(), e);
        }
    }
}
