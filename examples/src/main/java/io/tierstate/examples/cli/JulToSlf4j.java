package io.tierstate.examples.cli;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogManager;
import java.util.logging.LogRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends {@code java.util.logging} records (the PostgreSQL driver's) to SLF4J, so that the program's
 * stderr carries only its own one-line messages: the driver's warnings used to appear beside them.
 * The program binds SLF4J to its no-op logger, so they are quiet unless someone binds another.
 */
final class JulToSlf4j extends Handler {

    private static final AtomicBoolean INSTALLED = new AtomicBoolean();

    private JulToSlf4j() {}

    /** Replaces the root JUL handlers (the console one writes to stderr) with this one, once per JVM. */
    static void install() {
        if (INSTALLED.compareAndSet(false, true)) {
            LogManager.getLogManager().reset();
            java.util.logging.Logger root = LogManager.getLogManager().getLogger("");
            root.addHandler(new JulToSlf4j());
            root.setLevel(Level.INFO);
        }
    }

    @Override
    public void publish(LogRecord record) {
        if (record == null) {
            return;
        }
        Logger log = LoggerFactory.getLogger(record.getLoggerName() == null ? "jul" : record.getLoggerName());
        String message = record.getMessage();
        int level = record.getLevel().intValue();
        if (level >= Level.SEVERE.intValue()) {
            log.error(message, record.getThrown());
        } else if (level >= Level.WARNING.intValue()) {
            log.warn(message, record.getThrown());
        } else if (level >= Level.INFO.intValue()) {
            log.info(message, record.getThrown());
        } else {
            log.debug(message, record.getThrown());
        }
    }

    @Override
    public void flush() {
        // SLF4J bindings flush themselves
    }

    @Override
    public void close() {
        // nothing held
    }
}
