package io.tierstate.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.tierstate.migration.fixtures.Fixtures;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringReader;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Hostile arguments, URIs, files and servers: each answers at once with a one-line message and the
 * documented exit status, never a secret, never a hang, never a file outside the home.
 */
class TierStateCliHostileInputTest {

    /** Generous: each of these ran for minutes or forever before it was bounded. */
    private static final Duration HANG_GUARD = Duration.ofSeconds(10);
    private static final String SECRET = "s3cr3t";

    @TempDir
    Path home;

    private record Run(int status, String out, String err) {}

    private Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int status = TierStateCli.run(args, new BufferedReader(new StringReader("")), new PrintWriter(out), new PrintWriter(err));
        return new Run(status, CliRun.checkedForJavaHints(out.toString()), CliRun.checkedForJavaHints(err.toString()));
    }

    private Run guarded(String... args) {
        return assertTimeoutPreemptively(HANG_GUARD, () -> run(args));
    }

    @BeforeEach
    void geuseMakerHome() throws IOException {
        Path d = Files.createDirectories(home.resolve("deployments"));
        Files.write(d.resolve("gpu-global.json"), Fixtures.bytes("v2-gpu-tier3.json"));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"--transfer-gb", "--lcu", "--efs-gb"})
    void cost_absurdlySmallNumber_isRefusedAtOnceNamingTheOption(String option) {
        Run r = guarded("--home", home.toString(), "cost", "gpu-global", option, "1e-999999999");

        assertThat(r.status()).as(r.err()).isEqualTo(TierStateCli.BAD_INPUT);
        assertThat(r.err()).startsWith("tierstate: " + option + " ").contains("out of range").doesNotContain("\tat ");
        assertThat(r.err().lines()).hasSize(1);
    }

    @Test
    void cost_absurdlyLargeNumber_isRefusedAtOnce() {
        Run r = guarded("--home", home.toString(), "cost", "gpu-global", "--transfer-gb", "1e999999999");

        assertThat(r.status()).as(r.err()).isEqualTo(TierStateCli.BAD_INPUT);
        assertThat(r.err()).contains("--transfer-gb", "out of range");
    }

    @Test
    void cost_pricesFromDevZero_isRefusedAsNotARegularFile() {
        Run r = guarded("--home", home.toString(), "cost", "gpu-global", "--prices", "/dev/zero");

        assertThat(r.status()).as(r.err()).isEqualTo(TierStateCli.BAD_INPUT);
        assertThat(r.err()).contains("/dev/zero", "not a regular file").doesNotContain("OutOfMemoryError");
    }

    @Test
    void cost_priceFileWithExtremeExponent_namesTheFileAndThePointer() throws IOException {
        Path prices = Files.writeString(home.resolve("prices.json"), "{\"alb\": {\"hourly\": \"1e-999999999\"}}");

        Run r = guarded("--home", home.toString(), "cost", "gpu-global", "--prices", prices.toString());

        assertThat(r.status()).as(r.err()).isEqualTo(TierStateCli.BAD_INPUT);
        assertThat(r.err()).contains(prices.toString(), "/alb/hourly", "out of range");
    }

    @Test
    void cost_priceFileOverAMegabyte_isRefusedWithoutReadingIt() throws IOException {
        Path prices = home.resolve("prices.json");
        Files.write(prices, new byte[2 * 1024 * 1024]);

        Run r = guarded("--home", home.toString(), "cost", "gpu-global", "--prices", prices.toString());

        assertThat(r.status()).as(r.err()).isEqualTo(TierStateCli.BAD_INPUT);
        assertThat(r.err()).contains(prices.toString(), "bytes are refused");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
        "postgresql://u:s3cr3t@/db",
        "postgresql://u:s3cr3t@host/",
        "postgresql://u:s3cr3t@host:99999999/db",
        "postgresql://u:s3 cr3t@host/db",
        "postgresql://u:s3cr3t",
        "jdbc:postgresql://127.0.0.1:1/db?Password=s3cr3t&connectTimeout=1",
        "mysql://u:s3cr3t@h/db",
        "s3://AKIAEXAMPLE:s3cr3t@bucket/prefix"})
    void store_malformedUriWithPassword_neverShowsThePassword(String uri) {
        Run r = guarded("--store", uri, "list");

        assertThat(r.status()).as(r.err()).isNotZero();
        assertThat(r.err()).startsWith("tierstate: ").doesNotContain("cr3t");
        assertThat(r.out()).doesNotContain("cr3t");
    }

    @Test
    void store_postgresServerThatNeverAnswers_failsWithinTheTimeoutsTheUriGives() throws Exception {
        try (SilentServer server = new SilentServer()) {
            Run r = guarded("--store", "postgresql://u:" + SECRET + "@127.0.0.1:" + server.port()
                    + "/db?loginTimeout=1&connectTimeout=1&socketTimeout=1", "list");

            assertThat(r.status()).as(r.err()).isEqualTo(TierStateCli.FAILED);
            assertThat(r.err()).contains("could not", "127.0.0.1:" + server.port()).doesNotContain(SECRET);
            assertThat(server.accepted()).as("connections the server accepted").isPositive();
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"inspect", "cost", "record-cloudfront"})
    void fifoNamedAsAStateFile_isRefusedInsteadOfBlocking(String command) throws Exception {
        Path fifo = home.resolve("deployments").resolve("x.json");
        Process p = new ProcessBuilder("mkfifo", fifo.toString()).inheritIO().start();
        assertThat(p.waitFor()).isZero();
        List<String> args = new ArrayList<>(List.of("--home", home.toString(), "--cloud", "simulated", command, "x"));
        if (command.equals("record-cloudfront")) {
            args.add("E2QWRUHAPOMQZL");
        }

        Run r = guarded(args.toArray(String[]::new));

        assertThat(r.status()).as(r.err()).isEqualTo(TierStateCli.BAD_INPUT);
        assertThat(r.err()).contains(fifo.toString(), "is not a regular file");
        assertThat(run("--home", home.toString(), "list").status()).isZero();
    }

    @Test
    void lockFileSymlinkOutsideTheHome_isRefusedNamingItAndItsTargetIsNotCreated(@TempDir Path outside) throws IOException {
        Path target = outside.resolve("planted");
        Path link = Files.createDirectories(home.resolve("locks")).resolve("gpu-global.lock");
        Files.createSymbolicLink(link, target);
        byte[] before = Files.readAllBytes(home.resolve("deployments/gpu-global.json"));

        Run r = guarded("--home", home.toString(), "migrate");

        assertThat(r.status()).as(r.err()).isEqualTo(TierStateCli.FAILED);
        assertThat(r.out() + r.err()).contains(link.toString(), "symbolic link");
        assertThat(target).doesNotExist();
        assertThat(Files.readAllBytes(home.resolve("deployments/gpu-global.json"))).isEqualTo(before);
    }

    @Test
    void home_thatIsAFile_isBadInputSayingSo() throws IOException {
        Path file = Files.writeString(home.resolve("not-a-dir"), "x");

        Run r = guarded("--home", file.toString(), "list");

        assertThat(r.status()).isEqualTo(TierStateCli.BAD_INPUT);
        assertThat(r.err()).contains(file.toString(), "is a file, not a directory");
        assertThat(r.out()).doesNotContain("No deployments.");
    }

    @Test
    void home_thatIsMissing_isBadInputSayingSo() {
        Path missing = home.resolve("typo");

        Run r = guarded("--home", missing.toString(), "list");

        assertThat(r.status()).isEqualTo(TierStateCli.BAD_INPUT);
        assertThat(r.err()).contains(missing.toString(), "does not exist");
        assertThat(missing).doesNotExist();
    }

    @Test
    void home_thatIsAnEmptyDirectory_isAHomeWithoutDeployments(@TempDir Path empty) {
        Run r = guarded("--home", empty.toString(), "list");

        assertThat(r.status()).as(r.err()).isZero();
        assertThat(r.out()).contains("No deployments.");
    }

    @Test
    void store_relativeFileUri_isARelativeDirectoryNotAnAuthority() {
        Run r = guarded("--store", "file:relative/dir-that-does-not-exist", "list");

        assertThat(r.status()).isEqualTo(TierStateCli.BAD_INPUT);
        assertThat(r.err()).contains("relative/dir-that-does-not-exist", "does not exist").doesNotContain("authority");
    }

    @Test
    void copyTo_tildeUri_isUnderTheUsersHomeNotALiteralTildeDirectory(@TempDir Path userHome) {
        String saved = System.getProperty("user.home");
        System.setProperty("user.home", userHome.toString());
        try {
            Run r = guarded("--home", home.toString(), "copy", "--to", "~/copied");

            assertThat(r.status()).as(r.err()).isZero();
            assertThat(userHome.resolve("copied/deployments/gpu-global.json")).exists();
            assertThat(Path.of("~")).as("a literal ~ directory in the working directory").doesNotExist();
        } finally {
            System.setProperty("user.home", saved);
        }
    }

    @Test
    void destroyDryRunAndRefusedDestroy_leaveNoSimulatedWorldFile() {
        Run dry = guarded("--home", home.toString(), "--cloud", "simulated", "destroy", "gpu-global", "--dry-run");
        assertThat(dry.status()).as(dry.err()).isZero();
        Run refused = guarded("--home", home.toString(), "--cloud", "simulated", "destroy", "../x", "--yes");
        assertThat(refused.status()).as(refused.err()).isEqualTo(TierStateCli.BAD_INPUT);

        assertThat(home.resolve(TierStateCli.SIM_FILE)).doesNotExist();
    }

    @Test
    void simulatedDestroy_writesTheWorldOwnerOnly() throws IOException {
        Run r = guarded("--home", home.toString(), "--cloud", "simulated", "destroy", "gpu-global", "--yes");

        assertThat(r.status()).as(r.err()).isZero();
        assertThat(java.nio.file.attribute.PosixFilePermissions.toString(
                Files.getPosixFilePermissions(home.resolve(TierStateCli.SIM_FILE)))).isEqualTo("rw-------");
    }

    @Test
    void run_routesJavaUtilLoggingAwayFromTheConsole() {
        run("--home", home.toString(), "list");

        java.util.logging.Handler[] handlers = java.util.logging.LogManager.getLogManager().getLogger("").getHandlers();
        assertThat(handlers).as("root java.util.logging handlers")
                .noneMatch(h -> h instanceof java.util.logging.ConsoleHandler)
                .anyMatch(h -> h instanceof JulToSlf4j);
    }

    /** Accepts TCP connections on 127.0.0.1 and never sends a byte, like a hung database server. */
    private static final class SilentServer implements AutoCloseable {
        private final ServerSocket socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        private final List<Socket> held = new ArrayList<>();
        private final Thread acceptor;

        SilentServer() throws IOException {
            acceptor = new Thread(() -> {
                try {
                    while (!socket.isClosed()) {
                        Socket s = socket.accept();
                        synchronized (held) {
                            held.add(s);
                        }
                    }
                } catch (IOException e) {
                    // closed
                }
            }, "silent-server");
            acceptor.setDaemon(true);
            acceptor.start();
        }

        int port() {
            return socket.getLocalPort();
        }

        int accepted() {
            synchronized (held) {
                return held.size();
            }
        }

        @Override
        public void close() throws IOException {
            socket.close();
            synchronized (held) {
                for (Socket s : held) {
                    s.close();
                }
            }
        }
    }
}
