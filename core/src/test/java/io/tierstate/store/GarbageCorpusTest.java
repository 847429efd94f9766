package io.tierstate.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Named.named;

import io.tierstate.error.CorruptStateException;
import io.tierstate.error.InvalidStackNameException;
import io.tierstate.internal.StateCodec;
import io.tierstate.migration.ConflictingFieldsException;
import io.tierstate.migration.UnsupportedSchemaVersionException;
import io.tierstate.migration.fixtures.Fixtures;
import io.tierstate.model.DeploymentState;
import io.tierstate.model.Status;
import io.tierstate.port.MigrationOutcome;
import io.tierstate.port.StateBackup;
import io.tierstate.port.StateListing;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Bad input never corrupts anything: every unreadable file is reported with a typed exception that
 * names the file (and the line and column of a JSON syntax error), does not break {@code list()} of
 * the others, is refused by every write, and is left byte for byte as it was.
 */
class GarbageCorpusTest {

    private static final String NAME = "gpu-global";
    private static final String NEIGHBOR = "neighbor";
    private static final String V2 = Fixtures.text("v2-gpu-tier3.json");

    @TempDir
    Path home;

    /** One unreadable document: how to write it, and what reading it must say. */
    record Garbage(Consumer<Path> writer, Class<? extends RuntimeException> type, List<String> messageParts,
            int line, int column) {

        static Garbage of(String content, Class<? extends RuntimeException> type, String... parts) {
            return bytes(content.getBytes(StandardCharsets.UTF_8), type, parts);
        }

        static Garbage bytes(byte[] content, Class<? extends RuntimeException> type, String... parts) {
            return new Garbage(file -> StoreFiles.write(file, content), type, List.of(parts), 0, 0);
        }

        Garbage at(int line, int column) {
            return new Garbage(writer, type, messageParts, line, column);
        }
    }

    static Stream<Arguments> corpus() {
        String truncated = V2.substring(0, V2.length() / 2);
        String missingComma = V2.replace("\"status\": \"running\",", "\"status\": \"running\"");
        byte[] binary = new byte[4096];
        new Random(7).nextBytes(binary);
        return Stream.of(
                corrupt("truncated JSON (a fixture cut in half)", Garbage.of(truncated, CorruptStateException.class,
                        "is not valid JSON", "end-of-input").at((int) truncated.lines().count(), 0)),
                corrupt("syntax error: a missing comma", Garbage.of(missingComma, CorruptStateException.class,
                        "is not valid JSON", "comma").at(lineOf(missingComma, "\"vpc_id\""), 3)),
                corrupt("subnet_ids is a string", Garbage.of(v2("\"subnet_ids\": [\"subnet-0bb0000000000b001\","
                        + " \"subnet-0bb0000000000b002\"]", "\"subnet_ids\": \"abc\""),
                        CorruptStateException.class, "field /subnet_ids", "abc")),
                corrupt("config is a number", Garbage.of("{\"stack_name\": \"gpu-global\", \"status\": \"running\","
                        + " \"config\": 5}", CorruptStateException.class, "field /config", "5")),
                corrupt("status is a number", Garbage.of(v2("\"status\": \"running\"", "\"status\": 7"),
                        CorruptStateException.class, "field /status", "Number value (7)")),
                corrupt("gpu_count is a word", Garbage.of(v2("\"schema_version\": 2,", "\"schema_version\": 2,"
                        + " \"gpu_count\": \"many\","), CorruptStateException.class, "field /gpu_count", "many")),
                corrupt("created_at is not a timestamp", Garbage.of(v2("\"created_at\": \"2025-09-30T08:45:12.000001+00:00\"",
                        "\"created_at\": \"yesterday\""), CorruptStateException.class, "field /created_at", "yesterday")),
                corrupt("a price is a word", Garbage.of(v2("\"spot_price_per_hour\": \"0.2104\"",
                        "\"spot_price_per_hour\": \"cheap\""), CorruptStateException.class,
                        "field /cost/spot_price_per_hour", "cheap")),
                corrupt("status is missing", Garbage.of(v2("\"status\": \"running\",", ""),
                        CorruptStateException.class, "missing required field", "status")),
                corrupt("config is missing", Garbage.of("{\"stack_name\": \"gpu-global\", \"status\": \"running\"}",
                        CorruptStateException.class, "missing required field", "config")),
                corrupt("config.tier is missing", Garbage.of("{\"stack_name\": \"gpu-global\", \"status\": \"running\","
                        + " \"config\": {\"region\": \"eu-west-1\"}}", CorruptStateException.class, "field /config",
                        "missing required field", "tier")),
                corrupt("unknown tier", Garbage.of(v2("\"tier\": \"gpu\"", "\"tier\": \"tier9\""),
                        CorruptStateException.class, "field /config/tier", "'tier9'", "automation")),
                corrupt("empty file", Garbage.of("", CorruptStateException.class, "is empty")),
                corrupt("whitespace only", Garbage.of(" \n\t\r\n  ", CorruptStateException.class, "is empty")),
                corrupt("binary garbage", Garbage.bytes(binary, CorruptStateException.class, "is not valid JSON")
                        .at(1, 0)),
                corrupt("a top-level array", Garbage.of("[{\"stack_name\": \"gpu-global\"}]",
                        CorruptStateException.class, "holds an array at the top level", "JSON object")),
                corrupt("a top-level string", Garbage.of("\"gpu-global\"", CorruptStateException.class,
                        "holds a string value at the top level")),
                corrupt("10,000 nested arrays", Garbage.of("[".repeat(10_000), CorruptStateException.class,
                        "nesting depth")),
                corrupt("a 50 MB document", new Garbage(GarbageCorpusTest::writeHugeDocument, CorruptStateException.class,
                        List.of("is " + HUGE_BYTES + " bytes", "refused"), 0, 0)),
                corrupt("schema_version 99", Garbage.of(v2("\"schema_version\": 2", "\"schema_version\": 99"),
                        UnsupportedSchemaVersionException.class, "has schema_version 99", "reads up to 3")),
                corrupt("schema_version \"abc\"", Garbage.of(v2("\"schema_version\": 2", "\"schema_version\": \"abc\""),
                        CorruptStateException.class, "schema_version \"abc\"", "not a positive whole number")),
                corrupt("cloudfront_id and cloudfront_distribution_id differ", Garbage.of(v2(
                        "\"cloudfront_id\": \"E2QWRUHAPOMQZL\",",
                        "\"cloudfront_id\": \"E2QWRUHAPOMQZL\", \"cloudfront_distribution_id\": \"EOTHERDISTRO\","),
                        ConflictingFieldsException.class, "cloudfront_id", "cloudfront_distribution_id",
                        "E2QWRUHAPOMQZL", "EOTHERDISTRO")),
                corrupt("a spot price of 1e-999999999 (a gigabyte when written out)", Garbage.of(v2(
                        "\"spot_price_per_hour\": \"0.2104\"", "\"spot_price_per_hour\": \"1e-999999999\""),
                        CorruptStateException.class, "field /cost/spot_price_per_hour", "out of range")),
                corrupt("an on-demand price of 5e9000000 (nine megabytes when written out)", Garbage.of(v2(
                        "\"on_demand_price_per_hour\": \"0.526\"", "\"on_demand_price_per_hour\": \"5e9000000\""),
                        CorruptStateException.class, "field /cost/on_demand_price_per_hour", "out of range")),
                corrupt("a price that is the JSON number 1e-999999999", Garbage.of(v2(
                        "\"spot_price_per_hour\": \"0.2104\"", "\"spot_price_per_hour\": 1e-999999999"),
                        CorruptStateException.class, "field /cost/spot_price_per_hour", "out of range")),
                corrupt("a price whose exponent is beyond an int", Garbage.of(v2(
                        "\"spot_price_per_hour\": \"0.2104\"", "\"spot_price_per_hour\": \"1e99999999999\""),
                        CorruptStateException.class, "field /cost/spot_price_per_hour", "not a number")),
                corrupt("created_at is a huge number", Garbage.of(v2("\"created_at\": \"2025-09-30T08:45:12.000001+00:00\"",
                        "\"created_at\": 1e999999"), CorruptStateException.class, "field /created_at", "ISO-8601")),
                corrupt("created_at is epoch seconds", Garbage.of(v2("\"created_at\": \"2025-09-30T08:45:12.000001+00:00\"",
                        "\"created_at\": 1759221912"), CorruptStateException.class, "field /created_at", "ISO-8601",
                        "1759221912")),
                corrupt("serial is 1.5", Garbage.of(v2("\"schema_version\": 2,", "\"schema_version\": 2, \"serial\": 1.5,"),
                        CorruptStateException.class, "field /serial")),
                corrupt("serial is a string", Garbage.of(v2("\"schema_version\": 2,", "\"schema_version\": 2, \"serial\": \"7\","),
                        CorruptStateException.class, "field /serial")),
                corrupt("config.tier is the number 3", Garbage.of(v2("\"tier\": \"gpu\"", "\"tier\": 3"),
                        CorruptStateException.class, "field /config/tier", "a tier is a string")),
                corrupt("config.region is the number 42", Garbage.of(v2("\"region\": \"us-east-1\"", "\"region\": 42"),
                        CorruptStateException.class, "field /config/region")),
                corrupt("gpu_enabled is the string \"true\"", Garbage.of(v2("\"schema_version\": 2,",
                        "\"schema_version\": 2, \"gpu_enabled\": \"true\","), CorruptStateException.class, "field /gpu_enabled")),
                corrupt("https_enabled is the number 1", Garbage.of(v2("\"https_enabled\": true", "\"https_enabled\": 1"),
                        CorruptStateException.class, "field /https_enabled")),
                corrupt("stack_name differs from the file name", Garbage.bytes(StateCodec.write(StoreFiles.minimal("other")),
                        CorruptStateException.class, "holds stack_name 'other'", "rename the file")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void corruptFile_isReportedRefusedByEveryWriteAndLeftUntouched(Garbage garbage) {
        Path file = home.resolve("deployments").resolve(NAME + ".json");
        garbage.writer().accept(file);
        DeploymentState neighbor = placeNeighbor();
        Map<String, String> before = StoreFiles.snapshot(home);
        FileStateStore store = FileStateStore.open(home);

        RuntimeException error = catchExpected(garbage, () -> store.find(NAME));
        if (garbage.line() > 0) {
            CorruptStateException corrupt = (CorruptStateException) error;
            assertThat(corrupt.line()).as("line").hasValue(garbage.line());
            assertThat(corrupt.column()).as("column").isPresent();
            if (garbage.column() > 0) {
                assertThat(corrupt.column()).as("column").hasValue(garbage.column());
            }
            assertThat(error).hasMessageContaining("(line " + garbage.line() + ", column ");
        }

        StateListing listing = store.list();
        assertThat(listing.states()).as("the readable deployments").containsExactly(neighbor);
        assertThat(listing.problems()).as("the problems").singleElement().satisfies(problem -> {
            assertThat(problem.name()).isEqualTo(NAME);
            assertThat(problem.source()).isEqualTo(file.toString());
            assertThat(problem.error()).isInstanceOf(garbage.type());
            assertThat(problem.message()).contains(garbage.messageParts());
        });

        catchExpected(garbage, () -> store.update(NAME, s -> s.withStatus(Status.FAILED)));
        catchExpected(garbage, () -> store.save(StoreFiles.minimal(NAME).withSerial(1)));
        catchExpected(garbage, () -> store.save(StoreFiles.minimal(NAME)));
        if (garbage.messageParts().contains("holds stack_name 'other'")) {
            // migration upgrades any file whatever its stack_name (see FileStateStore#migrateAll); this one is v3 already
            assertThat(store.migrate(NAME, false).result()).isEqualTo(MigrationOutcome.Result.UP_TO_DATE);
        } else {
            catchExpected(garbage, () -> store.migrate(NAME, true));
            catchExpected(garbage, () -> store.migrate(NAME, false));
        }
        assertThat(store.find(NEIGHBOR)).hasValue(neighbor);

        StoreFiles.assertUnchangedExceptLocks(home, before);
    }

    @Test
    void find_fiftyMegabyteFile_isRefusedWithoutReadingIt() {
        Path file = home.resolve("deployments").resolve(NAME + ".json");
        writeHugeDocument(file);
        FileStateStore store = FileStateStore.open(home);
        store.find(NEIGHBOR); // load the classes a read needs before measuring
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long allocatedBefore = threads.getCurrentThreadAllocatedBytes();

        assertThatThrownBy(() -> store.find(NAME))
                .isInstanceOf(CorruptStateException.class)
                .hasMessageContaining(file.toString())
                .hasMessageContaining("is " + HUGE_BYTES + " bytes; state documents over " + StateCodec.MAX_DOCUMENT_BYTES
                        + " bytes are refused");

        long allocated = threads.getCurrentThreadAllocatedBytes() - allocatedBefore;
        assertThat(allocated).as("bytes allocated to refuse a %s-byte file", HUGE_BYTES).isLessThan(4L << 20);
    }

    @Test
    void find_utf8ByteOrderMarkBeforeJson_readsTheDocumentAndTheNextWriteDropsTheMark() {
        byte[] withBom = concat(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, V2.getBytes(StandardCharsets.UTF_8));
        Path file = home.resolve("deployments").resolve(NAME + ".json");
        StoreFiles.write(file, withBom);
        FileStateStore store = FileStateStore.open(home);

        DeploymentState read = store.find(NAME).orElseThrow();
        assertThat(read.cloudFrontDistributionId()).hasValue("E2QWRUHAPOMQZL");
        assertThat(store.list().states()).containsExactly(read);

        store.update(NAME, s -> s.withStatus(Status.UPDATING));
        assertThat(StoreFiles.read(file)).as("the rewritten file").startsWith((byte) '{');
        StateBackup original = store.backups(NAME).get(0);
        assertThat(original.label()).hasValue("schema-v2");
        assertThat(StoreFiles.gunzip(Path.of(original.location()))).as("the backup keeps the original bytes").isEqualTo(withBom);
    }

    @ParameterizedTest(name = "file \"{0}\"")
    @ValueSource(strings = {"bad name.json", "-x.json", "1abc.json", "a.b.json", "ünïcode.json"})
    void list_fileNamedWithInvalidStackName_isReportedAndTheOthersAreListed(String fileName) {
        Path file = home.resolve("deployments").resolve(fileName);
        StoreFiles.write(file, StateCodec.write(StoreFiles.minimal("valid-inside")));
        DeploymentState neighbor = placeNeighbor();
        Map<String, String> before = StoreFiles.snapshot(home);
        FileStateStore store = FileStateStore.open(home);
        String stem = fileName.substring(0, fileName.length() - ".json".length());

        StateListing listing = store.list();

        assertThat(listing.states()).containsExactly(neighbor);
        assertThat(listing.problems()).singleElement().satisfies(problem -> {
            assertThat(problem.name()).isEqualTo(stem);
            assertThat(problem.error()).isInstanceOf(CorruptStateException.class);
            assertThat(problem.message()).contains(fileName, "not a valid stack name", "rename the file");
        });
        assertThatThrownBy(() -> store.find(stem))
                .isInstanceOf(InvalidStackNameException.class)
                .hasMessageContaining("is not valid");
        StoreFiles.assertUnchangedExceptLocks(home, before);
    }

    static Stream<Arguments> invalidNames() {
        return Stream.of(
                Arguments.of(named("../x", "../x"), "'../x'"),
                Arguments.of(named("a/b", "a/b"), "'a/b'"),
                Arguments.of(named("..", ".."), "'..'"),
                Arguments.of(named("/etc/passwd", "/etc/passwd"), "'/etc/passwd'"),
                Arguments.of(named("a\\b", "a\\b"), "'a\\b'"),
                Arguments.of(named("empty", ""), "'' (empty)"),
                Arguments.of(named("129 characters", "a".repeat(129)), "'" + "a".repeat(60) + "... (129 characters)'"),
                Arguments.of(named("NUL inside", "x\u0000y"), "'x?y'"),
                Arguments.of(named("null", null), "(none)"),
                Arguments.of(named("leading space", " x"), "' x'"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidNames")
    void everyOperation_invalidName_throwsInvalidStackNameBeforeTouchingAnyFile(String name, String shown,
            @TempDir Path parent) {
        Path notYetHome = parent.resolve("home");
        FileStateStore store = FileStateStore.open(notYetHome);
        StateBackup someBackup = new StateBackup("x", parent.resolve("x.json.gz").toString(), Instant.now(), Optional.empty());
        List<ThrowingCallable> operations = new ArrayList<>(List.of(
                () -> store.file(name),
                () -> store.find(name),
                () -> store.update(name, s -> s),
                () -> store.delete(name),
                () -> store.archive(name),
                () -> store.migrate(name, true),
                () -> store.migrate(name, false),
                () -> store.backups(name),
                () -> store.restore(name, someBackup)));

        for (ThrowingCallable operation : operations) {
            assertThatThrownBy(operation)
                    .isInstanceOf(InvalidStackNameException.class)
                    .hasMessageContaining("stack name " + shown + " is not valid")
                    .hasMessageContaining("e.g. 'my-stack'")
                    .satisfies(e -> assertThat(((InvalidStackNameException) e).name()).isEqualTo(name));
        }
        try (Stream<Path> created = Files.list(parent)) {
            assertThat(created).as("files or directories created").isEmpty();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void find_fifoNamedAsStateFile_isRefusedAtOnceInsteadOfBlocking() throws Exception {
        Path file = home.resolve("deployments").resolve(NAME + ".json");
        Files.createDirectories(file.getParent());
        mkfifo(file);
        DeploymentState neighbor = placeNeighbor();
        FileStateStore store = FileStateStore.open(home);

        // without the check, opening the FIFO blocks until a writer appears: forever
        org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(java.time.Duration.ofSeconds(10), () -> {
            assertThatThrownBy(() -> store.find(NAME))
                    .isInstanceOf(CorruptStateException.class)
                    .hasMessageContaining(file.toString())
                    .hasMessageContaining("is not a regular file");
            assertThatThrownBy(() -> store.update(NAME, s -> s.withStatus(Status.FAILED)))
                    .isInstanceOf(CorruptStateException.class)
                    .hasMessageContaining("is not a regular file");
            assertThat(store.list().states()).containsExactly(neighbor);
        });
        assertThat(Files.isRegularFile(file, java.nio.file.LinkOption.NOFOLLOW_LINKS)).as("the FIFO is left alone").isFalse();
    }

    @Test
    void write_lockFileIsSymlinkOutsideTheHome_isRefusedNamingTheLinkAndCreatesNothingOutside(@TempDir Path outside)
            throws IOException {
        placeNeighbor();
        Path target = outside.resolve("created-by-tierstate");
        Path link = home.resolve("locks").resolve(NEIGHBOR + ".lock");
        Files.createDirectories(link.getParent());
        Files.deleteIfExists(link);
        Files.createSymbolicLink(link, target);
        FileStateStore store = FileStateStore.open(home);

        assertThatThrownBy(() -> store.update(NEIGHBOR, s -> s.withStatus(Status.FAILED)))
                .isInstanceOf(io.tierstate.error.StateStoreException.class)
                .hasMessageContaining(link.toString())
                .hasMessageContaining("symbolic link");
        assertThat(target).as("the symlink's target").doesNotExist();
        assertThat(store.find(NEIGHBOR).orElseThrow().status()).isEqualTo(Status.RUNNING);
    }

    @Test
    void write_serialAtLongMaxValue_isRefusedInsteadOfWrappingAndTheFileIsKept() {
        Path file = home.resolve("deployments").resolve(NAME + ".json");
        byte[] original = StateCodec.write(StoreFiles.minimal(NAME).withSerial(Long.MAX_VALUE));
        StoreFiles.write(file, original);
        FileStateStore store = FileStateStore.open(home);
        assertThat(store.find(NAME).orElseThrow().serial()).isEqualTo(Long.MAX_VALUE);

        assertThatThrownBy(() -> store.update(NAME, s -> s.withStatus(Status.FAILED)))
                .isInstanceOf(CorruptStateException.class)
                .hasMessageContaining(file.toString())
                .hasMessageContaining("serial " + Long.MAX_VALUE + ", which cannot be incremented");
        assertThat(StoreFiles.read(file)).isEqualTo(original);
    }

    @Test
    void write_moneyOutOfRange_isRefusedBeforeAnyFileIsWritten() {
        FileStateStore store = FileStateStore.open(home);
        DeploymentState absurd = StoreFiles.minimal(NAME).withCost(io.tierstate.model.CostTracking.builder()
                .spotPricePerHour(new java.math.BigDecimal("1e-999999999")).build());

        assertThatThrownBy(() -> store.create(absurd))
                .isInstanceOf(io.tierstate.error.TierStateException.class)
                .hasMessageContaining("'" + NAME + "' cannot be written")
                .hasMessageContaining("out of range");
        assertThat(home.resolve("deployments").resolve(NAME + ".json")).doesNotExist();
    }

    @Test
    void migrate_oneFileWithAbsurdNumbers_isOneFailureAndTheFilesAfterItAreMigrated() {
        Path bad = home.resolve("deployments").resolve("a-bad.json");
        StoreFiles.write(bad, v2("\"spot_price_per_hour\": \"0.2104\"", "\"spot_price_per_hour\": \"1e-999999999\"")
                .replace(NAME, "a-bad").getBytes(StandardCharsets.UTF_8));
        StoreFiles.write(home.resolve("deployments").resolve("b-good.json"),
                V2.replace(NAME, "b-good").getBytes(StandardCharsets.UTF_8));
        byte[] badBefore = StoreFiles.read(bad);
        FileStateStore store = FileStateStore.open(home);

        List<io.tierstate.port.MigrationOutcome> outcomes = store.migrateAll(false);

        assertThat(outcomes).extracting(io.tierstate.port.MigrationOutcome::result)
                .containsExactly(MigrationOutcome.Result.FAILED, MigrationOutcome.Result.MIGRATED);
        assertThat(StoreFiles.read(bad)).as("the bad file").isEqualTo(badBefore);
        StateListing listing = store.list();
        assertThat(listing.states()).extracting(DeploymentState::stackName).containsExactly("b-good");
        assertThat(listing.problems()).singleElement().satisfies(p -> assertThat(p.message())
                .contains("a-bad.json", "field /cost/spot_price_per_hour", "out of range"));
    }

    @Test
    void rewrite_emptyStringMoney_keepsItUntilTheFieldGetsAValue() {
        Path file = home.resolve("deployments").resolve(NAME + ".json");
        StoreFiles.write(file, v2("\"spot_price_per_hour\": \"0.2104\"", "\"spot_price_per_hour\": \"\"")
                .getBytes(StandardCharsets.UTF_8));
        FileStateStore store = FileStateStore.open(home);

        DeploymentState updated = store.update(NAME, s -> s.withStatus(Status.UPDATING));

        String written = new String(StoreFiles.read(file), StandardCharsets.UTF_8);
        assertThat(written).contains("\"spot_price_per_hour\": \"\"");
        assertThat(updated.cost().orElseThrow().spotPricePerHour()).isEmpty();
        assertThat(store.find(NAME)).hasValue(updated);

        store.update(NAME, s -> s.withCost(io.tierstate.model.CostTracking.builder().from(s.cost().orElseThrow())
                .spotPricePerHour(new java.math.BigDecimal("0.25")).build()));
        String rewritten = new String(StoreFiles.read(file), StandardCharsets.UTF_8);
        assertThat(rewritten).contains("\"spot_price_per_hour\": \"0.25\"").doesNotContain("\"spot_price_per_hour\": \"\"");
    }

    @Test
    void find_fileWithoutReadPermission_saysPermissionDenied() throws IOException {
        org.junit.jupiter.api.Assumptions.assumeFalse("root".equals(System.getProperty("user.name")),
                "root reads any file: run as another user to see the message");
        Path file = home.resolve("deployments").resolve(NAME + ".json");
        StoreFiles.write(file, V2.getBytes(StandardCharsets.UTF_8));
        Files.setPosixFilePermissions(file, java.util.Set.of());
        FileStateStore store = FileStateStore.open(home);

        assertThatThrownBy(() -> store.find(NAME))
                .isInstanceOf(io.tierstate.error.StateStoreException.class)
                .hasMessageContaining("cannot read " + file + ": permission denied");
    }

    private static void mkfifo(Path file) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("mkfifo", file.toString()).inheritIO().start();
        assertThat(p.waitFor()).as("mkfifo exit status").isZero();
    }

    // ---------------------------------------------------------------------------------------------

    private static final long HUGE_BYTES = 50L * 1024 * 1024;

    /** Writes a valid JSON object of exactly 50 MB (a huge string field), streaming, without holding it in memory. */
    private static void writeHugeDocument(Path file) {
        String head = "{\"stack_name\": \"gpu-global\", \"status\": \"running\", \"config\": {\"tier\": \"gpu\"}, \"padding\": \"";
        String tail = "\"}\n";
        try {
            Files.createDirectories(file.getParent());
            try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.US_ASCII)) {
                out.write(head);
                char[] chunk = new char[64 * 1024];
                Arrays.fill(chunk, 'x');
                long left = HUGE_BYTES - head.length() - tail.length();
                while (left > 0) {
                    int n = (int) Math.min(chunk.length, left);
                    out.write(chunk, 0, n);
                    left -= n;
                }
                out.write(tail);
            }
            assertThat(Files.size(file)).isEqualTo(HUGE_BYTES);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private DeploymentState placeNeighbor() {
        FileStateStore writer = FileStateStore.open(home);
        return writer.create(StoreFiles.minimal(NEIGHBOR).withStatus(Status.RUNNING));
    }

    private RuntimeException catchExpected(Garbage garbage, ThrowingCallable call) {
        Throwable thrown = org.assertj.core.api.Assertions.catchThrowable(call);
        assertThat(thrown).as("what was thrown").isInstanceOf(garbage.type())
                .hasMessageContaining(NAME + ".json");
        assertThat(thrown.getMessage()).contains(garbage.messageParts());
        String file = home.resolve("deployments").resolve(NAME + ".json").toString();
        assertThat(thrown.getMessage().split(java.util.regex.Pattern.quote(file), -1))
                .as("the message names the file once: %s", thrown.getMessage()).hasSize(2);
        return (RuntimeException) thrown;
    }

    private static Arguments corrupt(String label, Garbage garbage) {
        return Arguments.of(named(label, garbage));
    }

    private static String v2(String from, String to) {
        if (!V2.contains(from)) {
            throw new IllegalStateException("the v2 fixture no longer contains " + from + "; update the corpus");
        }
        return V2.replace(from, to);
    }

    private static int lineOf(String text, String needle) {
        return (int) text.substring(0, text.indexOf(needle)).chars().filter(c -> c == '\n').count() + 1;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
