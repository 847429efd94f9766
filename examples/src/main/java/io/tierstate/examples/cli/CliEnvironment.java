package io.tierstate.examples.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/**
 * What the program reads from outside its arguments, in one place: the environment variables, the
 * user's home directory and whether standard input is a terminal. Tests give their own.
 *
 * @param variables the environment variables
 * @param userHome the user's home directory ({@code ~})
 * @param stdinIsTerminal whether a person can answer a question on standard input
 * @param stderrIsTerminal whether standard error is a terminal that can redraw live progress lines
 */
record CliEnvironment(Map<String, String> variables, Path userHome, BooleanSupplier stdinIsTerminal,
        BooleanSupplier stderrIsTerminal) {

    /** An environment whose standard error is not a terminal: progress is written as whole lines. */
    CliEnvironment(Map<String, String> variables, Path userHome, BooleanSupplier stdinIsTerminal) {
        this(variables, userHome, stdinIsTerminal, () -> false);
    }

    /** The variable naming the default home. */
    static final String HOME_VARIABLE = "TIERSTATE_HOME";

    /**
     * @return this process's environment, {@code user.home}, isatty(0), and isatty(2) unless
     *     {@code TERM} is {@code dumb} (progress is drawn on stderr, so stderr is what must redraw)
     */
    static CliEnvironment system() {
        Map<String, String> env = System.getenv();
        boolean dumb = "dumb".equals(env.get("TERM")) || env.containsKey("CI");
        return new CliEnvironment(env, Path.of(System.getProperty("user.home")), Terminal::stdinIsTerminal,
                () -> !dumb && Terminal.isTerminal(2));
    }

    /** @return the variable's value, when set and not blank */
    Optional<String> variable(String name) {
        return Optional.ofNullable(variables.get(name)).filter(v -> !v.isBlank());
    }

    /** @return the path with a leading {@code ~} made the user's home */
    Path expand(String path) {
        if (path.equals("~")) {
            return userHome;
        }
        return path.startsWith("~/") ? userHome.resolve(path.substring(2)) : Path.of(path);
    }

    /**
     * Whether the AWS SDK will find a region without being told: {@code AWS_REGION},
     * {@code AWS_DEFAULT_REGION}, {@code -Daws.region}, or a {@code region =} line in the AWS config
     * file. (On EC2 the SDK can also ask the instance metadata; there, pass {@code --region}.)
     *
     * @return true when one of those is set
     */
    boolean awsRegionConfigured() {
        if (variable("AWS_REGION").isPresent() || variable("AWS_DEFAULT_REGION").isPresent()
                || System.getProperty("aws.region") != null) {
            return true;
        }
        Path config = variable("AWS_CONFIG_FILE").map(this::expand).orElse(userHome.resolve(".aws/config"));
        try {
            return Files.isRegularFile(config) && Files.size(config) < (1 << 20)
                    && Files.readAllLines(config).stream().anyMatch(l -> l.strip().matches("region\\s*=\\s*\\S.*"));
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    /** isatty(0) through JNA (which the program carries for GeuseMaker's locks), else {@link System#console()}. */
    static final class Terminal {
        private Terminal() {}

        /** The C library's isatty. */
        public interface CLib extends com.sun.jna.Library {
            /**
             * @param fd a file descriptor
             * @return 1 when it is a terminal
             */
            int isatty(int fd);
        }

        static boolean stdinIsTerminal() {
            return isTerminal(0);
        }

        /** isatty(fd), else whether there is a console. */
        static boolean isTerminal(int fd) {
            try {
                CLib c = com.sun.jna.Native.load(com.sun.jna.Platform.C_LIBRARY_NAME, CLib.class);
                return c.isatty(fd) == 1;
            } catch (LinkageError | RuntimeException e) {
                // no JNA for this platform: a console means stdin and stdout are both terminals
                return System.console() != null;
            }
        }
    }
}
