package io.tierstate.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tierstate.error.StateLockException;
import io.tierstate.internal.Timestamps;
import io.tierstate.migration.SharedHomeForm;
import io.tierstate.migration.V2ToV3Upgrader;
import io.tierstate.migration.fixtures.RealFixtures;
import io.tierstate.model.DeploymentState;
import io.tierstate.model.DestroyJournal;
import io.tierstate.model.DestroyStepRecord;
import io.tierstate.port.StateBackup;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Both tools on one home: GeuseMaker played by {@link GeuseMakerDouble}, TierState by the file store in compatibility mode. */
class SharedHomeTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    @TempDir
    Path home;

    private GeuseMakerDouble geuseMaker;
    private List<String> stacks;

    @BeforeEach
    void geuseMakerWroteTheRealFiles() throws IOException {
        assumeTrue(RealFixtures.present(), RealFixtures::skipReason);
        geuseMaker = new GeuseMakerDouble(home);
        for (Path f : RealFixtures.files()) {
            Files.copy(f, home.resolve("deployments").resolve(f.getFileName()));
        }
        stacks = RealFixtures.files().stream().map(f -> f.getFileName().toString().replace(".json", "")).toList();
        for (String s : stacks) {
            geuseMaker.save(geuseMaker.load(s).orElseThrow()); // GeuseMaker's own write: one backup of the original each
        }
        assertThat(geuseMaker.recoveries()).isEmpty();
    }

    private FileStateStore tierState() {
        return FileStateStore.builder().home(home).lockTimeout(Duration.ofSeconds(20)).build();
    }

    @Test
    void aGeuseMakerHome_isDetectedAndSharedByDefault() {
        try (FileStateStore store = tierState()) {
            assertThat(FileStateStore.isGeuseMakerHome(home)).isTrue();
            assertThat(store.sharesHomeWithGeuseMaker()).isTrue();
            assertThat(store.describe()).contains("shared with GeuseMaker");
        }
        try (FileStateStore off = FileStateStore.builder().home(home).geusemakerCompat(GeuseMakerCompat.OFF).build()) {
            assertThat(off.sharesHomeWithGeuseMaker()).isFalse();
        }
    }

    @Test
    void afterEveryTierStateWrite_geuseMakerLoadsEveryDeployment_withoutRecovery_andLosesNothingItModels() {
        Map<String, ObjectNode> before = new LinkedHashMap<>();
        stacks.forEach(s -> before.put(s, geuseMaker.load(s).orElseThrow()));
        try (FileStateStore store = tierState()) {
            assertThat(store.list().problems()).isEmpty();
            assertThat(store.migrateAll(false)).allMatch(o -> o.error().isEmpty());
            for (String s : stacks) {
                store.update(s, st -> st.withCloudFrontPriceClass("PriceClass_100").withGpuModel("T4"));
            }
        }
        for (String s : stacks) {
            ObjectNode onDisk = read(geuseMaker.file(s));
            assertThat(onDisk.get("schema_version").asInt()).as(s).isEqualTo(2);
            assertThat(SharedHomeForm.isSharedHomeForm(onDisk)).as(s).isTrue();
            ObjectNode after = geuseMaker.load(s).orElseThrow();
            assertThat(comparable(after)).as(s).isEqualTo(comparable(before.get(s)));
        }
        assertThat(geuseMaker.recoveries()).isEmpty();
    }

    @Test
    void tierStateFields_surviveAGeuseMakerLoad_andAGeuseMakerRewriteIsNoticedAndRepaired_journalIncluded() {
        String stack = "gpu-66c8f-cdn-snapshots";
        DestroyJournal journal = DestroyJournal.builder().startedAt(Instant.parse("2026-12-01T10:00:00Z")).strategy("sequential")
                .pendingCloudFrontDeletion(true)
                .addSteps(DestroyStepRecord.builder().step("alb").status("done").build()).build();
        try (FileStateStore store = tierState()) {
            store.update(stack, s -> s.withCloudFrontPriceClass("PriceClass_All").withDestroyProgress(journal));
            geuseMaker.load(stack).orElseThrow(); // a load writes nothing
            assertThat(store.find(stack).orElseThrow().cloudFrontPriceClass()).contains("PriceClass_All");
            assertThat(store.find(stack).orElseThrow().notes()).isEmpty();

            geuseMaker.save(geuseMaker.load(stack).orElseThrow()); // a GeuseMaker write drops what it does not model
            ObjectNode rewritten = read(geuseMaker.file(stack));
            assertThat(rewritten.has("destroy_progress")).isFalse();
            assertThat(rewritten.has(SharedHomeForm.MARKER)).isFalse();

            DeploymentState read = store.find(stack).orElseThrow();
            assertThat(read.destroyProgress()).contains(journal);
            assertThat(read.cloudFrontPriceClass()).contains("PriceClass_All");
            assertThat(read.notes()).singleElement().asString().contains("GeuseMaker rewrote").contains("destroy_progress")
                    .contains("cloudfront_price_class").contains(home.resolve("tierstate").toString());
            assertThat(read.serial()).isGreaterThan(0);
            assertThat(store.list().states()).filteredOn(s -> s.stackName().equals(stack))
                    .singleElement().satisfies(s -> assertThat(s.destroyProgress()).contains(journal));
        }
    }

    @Test
    void afterAGeuseMakerRewriteNamingAnotherDistribution_theOldCloudFrontDetailsAreNotRestored() {
        String stack = "gpu-head-full";
        try (FileStateStore store = tierState()) {
            store.update(stack, s -> s.withCloudFrontPriceClass("PriceClass_200"));
            ObjectNode gm = geuseMaker.load(stack).orElseThrow();
            gm.put("cloudfront_id", "ENEWDIST");
            geuseMaker.save(gm);

            DeploymentState read = store.find(stack).orElseThrow();

            assertThat(read.cloudFrontDistributionId()).contains("ENEWDIST");
            assertThat(read.cloudFrontPriceClass()).isEmpty();
            assertThat(read.notes()).singleElement().asString().contains("not restored").contains("cloudfront_price_class");
        }
    }

    @Test
    void backups_neitherToolPrunesTheOthers_andBothKindsAreListedAndRestorable() throws IOException {
        String stack = "dev-ac290-rollback";
        try (FileStateStore store = FileStateStore.builder().home(home).backupsKept(3).build()) {
            for (int i = 0; i < 12; i++) {
                ObjectNode gm = geuseMaker.load(stack).orElseThrow();
                geuseMaker.save(gm.put("n8n_url", "http://gm/" + i));
            }
            assertThat(geuseMaker.backups(stack)).hasSize(10);
            for (int i = 0; i < 6; i++) {
                int n = i;
                store.update(stack, s -> s.withN8nUrl("http://ts/" + n));
            }
            List<StateBackup> all = store.backups(stack);
            assertThat(all).filteredOn(StateBackup::isGeuseMakers).hasSize(10);
            assertThat(all).filteredOn(b -> !b.isGeuseMakers() && b.label().isEmpty()).hasSize(3);
            assertThat(all).filteredOn(b -> !b.isGeuseMakers()).allMatch(b -> b.location().startsWith(home.resolve("tierstate").toString()));
            assertThat(geuseMaker.backups(stack)).as("TierState wrote none where GeuseMaker looks").hasSize(10);
            assertThat(all).isSortedAccordingTo(java.util.Comparator.comparing(StateBackup::takenAt).reversed());

            for (int i = 0; i < 12; i++) {
                geuseMaker.save(geuseMaker.load(stack).orElseThrow());
            }
            assertThat(store.backups(stack)).filteredOn(b -> !b.isGeuseMakers() && b.label().isEmpty()).hasSize(3);
            assertThat(store.backups(stack)).filteredOn(b -> !b.isGeuseMakers()).extracting(b -> b.label().orElse(""))
                    .containsOnly("", "schema-v2");

            StateBackup geuseMakers = store.backups(stack).stream().filter(StateBackup::isGeuseMakers).reduce((a, b) -> b).orElseThrow();
            JsonNode inBackup = MAPPER.readTree(StoreFiles.gunzip(Path.of(geuseMakers.location())));
            DeploymentState restored = store.restore(stack, geuseMakers);
            assertThat(restored.n8nUrl()).contains(inBackup.get("n8n_url").asText());
            assertThat(store.backups(stack)).anyMatch(b -> b.label().equals(java.util.Optional.of("pre-restore")) && !b.isGeuseMakers());
            assertThat(SharedHomeForm.isSharedHomeForm(read(geuseMaker.file(stack)))).isTrue();
        }
    }

    @Test
    void geuseMakerRecovery_restoresOnlyItsOwnBackup_neverATierStateOne() throws IOException {
        String stack = "auto-66c8f-https-reused";
        try (FileStateStore store = tierState()) {
            store.migrate(stack, false);
            store.update(stack, s -> s.withN8nUrl("https://ts.example"));
        }
        Files.writeString(geuseMaker.file(stack), "{ torn");

        ObjectNode recovered = geuseMaker.load(stack).orElseThrow();

        assertThat(geuseMaker.recoveries()).containsExactly(stack);
        assertThat(recovered.get("schema_version").asInt()).isEqualTo(2);
        assertThat(recovered.has(SharedHomeForm.MARKER)).isFalse();
    }

    @Test
    void aWriteWaitsWhileGeuseMakerHoldsItsLock_andGeuseMakerWaitsWhileTierStateWrites() throws Exception {
        String stack = "dev-cc51f-workload-gpu";
        Path gmLock = home.resolve("deployments").resolve(stack + ".json.lock");
        try (FileStateStore store = tierState()) {
            long held;
            CompletableFuture<Long> write;
            try (Flock geuseMakers = Flock.acquire(gmLock, System.nanoTime() + 1_000_000_000L, () -> new StateLockException("test"))) {
                long start = System.nanoTime();
                write = CompletableFuture.supplyAsync(() -> {
                    store.update(stack, s -> s.withN8nUrl("http://waited"));
                    return System.nanoTime();
                });
                Thread.sleep(400);
                assertThat(write).as("TierState waits for GeuseMaker's lock").isNotDone();
                held = System.nanoTime() - start;
            }
            assertThat(write.get(10, TimeUnit.SECONDS) - System.nanoTime()).isLessThanOrEqualTo(0);
            assertThat(held).isGreaterThanOrEqualTo(400_000_000L);

            CountDownLatch inside = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            CompletableFuture<Void> tierStateWrite = CompletableFuture.runAsync(() -> store.update(stack, s -> {
                inside.countDown();
                await(release);
                return s.withN8nUrl("http://held");
            }));
            assertThat(inside.await(10, TimeUnit.SECONDS)).isTrue();
            assertThatThrownBy(() -> Flock.acquire(gmLock, System.nanoTime() + 200_000_000L, () -> new StateLockException("GeuseMaker timed out")))
                    .isInstanceOf(StateLockException.class).hasMessage("GeuseMaker timed out");
            release.countDown();
            tierStateWrite.get(10, TimeUnit.SECONDS);
            try (Flock after = Flock.acquire(gmLock, System.nanoTime() + 1_000_000_000L, () -> new StateLockException("still held"))) {
                assertThat(store.find(stack).orElseThrow().n8nUrl()).contains("http://held");
            }
        }
    }

    @Test
    void aGeuseMakerLockHeldPastTheTimeout_failsTheWriteNamingGeuseMakersLockFile() {
        String stack = "dev-4c679-ondemand-failed";
        Path gmLock = home.resolve("deployments").resolve(stack + ".json.lock");
        try (FileStateStore store = FileStateStore.builder().home(home).lockTimeout(Duration.ofMillis(300)).build();
                Flock held = Flock.acquire(gmLock, System.nanoTime() + 1_000_000_000L, () -> new StateLockException("test"))) {
            assertThatThrownBy(() -> store.update(stack, s -> s.withN8nUrl("http://never")))
                    .isInstanceOf(StateLockException.class).hasMessageContaining("GeuseMaker holds").hasMessageContaining(gmLock.toString());
        }
    }

    @Test
    void compatibilityOff_writesPlainV3_andAnotherStoreStillReadsIt() {
        String stack = "gpu-v1-noversion";
        try (FileStateStore off = FileStateStore.builder().home(home).geusemakerCompat(GeuseMakerCompat.OFF).build()) {
            off.update(stack, s -> s.withGpuModel("T4"));
            assertThat(read(geuseMaker.file(stack)).get("schema_version").asInt()).isEqualTo(3);
            assertThat(Files.exists(home.resolve("tierstate"))).isFalse();
        }
        try (FileStateStore on = tierState()) {
            assertThat(on.find(stack).orElseThrow().gpuModel()).contains("T4");
            assertThat(on.migrateAll(false)).filteredOn(o -> o.name().equals(stack)).singleElement()
                    .satisfies(o -> assertThat(o.backup()).isPresent());
            assertThat(SharedHomeForm.isSharedHomeForm(read(geuseMaker.file(stack)))).isTrue();
        }
        try (FileStateStore off = FileStateStore.builder().home(home).geusemakerCompat(GeuseMakerCompat.OFF).build()) {
            off.migrateAll(false);
            assertThat(read(geuseMaker.file(stack)).get("schema_version").asInt()).isEqualTo(3);
            assertThat(off.find(stack).orElseThrow().gpuModel()).contains("T4");
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static ObjectNode read(Path file) {
        try {
            return (ObjectNode) MAPPER.readTree(Files.readAllBytes(file));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** GeuseMaker's view, with what a write changes by design taken out: updated_at, and TierState's step name in the history; timestamps as instants. */
    private static JsonNode comparable(ObjectNode gm) {
        ObjectNode c = gm.deepCopy();
        c.remove("updated_at");
        if (c.get("migration_history") instanceof ArrayNode history) {
            for (int i = history.size() - 1; i >= 0; i--) {
                if (V2ToV3Upgrader.NAME.equals(history.get(i).asText())) {
                    history.remove(i);
                }
            }
        }
        return instants(c);
    }

    private static JsonNode instants(JsonNode node) {
        if (node.isObject()) {
            ObjectNode o = (ObjectNode) node;
            for (Iterator<Map.Entry<String, JsonNode>> it = o.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                e.setValue(instants(e.getValue()));
            }
            return o;
        }
        if (node.isArray()) {
            ArrayNode a = (ArrayNode) node;
            for (int i = 0; i < a.size(); i++) {
                a.set(i, instants(a.get(i)));
            }
            return a;
        }
        if (node.isTextual() && node.asText().matches("\\d{4}-\\d{2}-\\d{2}T.*")) {
            try {
                return MAPPER.getNodeFactory().textNode(Timestamps.parse(node.asText()).toString());
            } catch (IllegalArgumentException e) {
                return node;
            }
        }
        return node;
    }
}
