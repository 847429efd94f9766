package io.tierstate.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tierstate.internal.StateCodec;
import io.tierstate.migration.fixtures.Fixtures;
import io.tierstate.model.CacheBehavior;
import io.tierstate.model.CloudFrontOrigin;
import io.tierstate.model.CloudFrontStatus;
import io.tierstate.model.CostTracking;
import io.tierstate.model.DeploymentConfig;
import io.tierstate.model.DeploymentState;
import io.tierstate.model.DestroyJournal;
import io.tierstate.model.DestroyStepRecord;
import io.tierstate.model.HealthStatus;
import io.tierstate.model.Provenance;
import io.tierstate.model.Status;
import io.tierstate.model.Tier;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.RepetitionInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The fast path for current-version documents gives exactly what the full path gives, or declines. */
class CurrentSchemaReaderTest {

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void read_everyFixtureMigratedAndWritten_equalsTheFullPath() {
        for (String fixture : Fixtures.inputs()) {
            DeploymentState slow = StateCodec.read(Fixtures.bytes(fixture), fixture);
            byte[] written = StateCodec.write(slow);

            assertThat(CurrentSchemaReader.read(written)).as(fixture).contains(StateCodec.read(written, fixture));
        }
    }

    @Test
    void read_expectedV3Fixture_asGeuseMakerWouldWriteIt_equalsTheFullPath() {
        byte[] v3 = Fixtures.bytes("v2-gpu-tier3.expected-v3.json");

        assertThat(CurrentSchemaReader.read(v3)).contains(StateCodec.read(v3, "expected"));
    }

    @RepeatedTest(40)
    void read_randomStates_equalTheFullPath(RepetitionInfo info) {
        Random random = new Random(1000 + info.getCurrentRepetition());
        byte[] bytes = StateCodec.write(randomState(random));

        DeploymentState slow = StateCodec.read(bytes, "random");

        assertThat(CurrentSchemaReader.read(bytes)).contains(slow);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "{\"stack_name\": \"a\", \"status\": \"running\", \"config\": {\"tier\": \"dev\"}}",
        "{\"schema_version\": 2, \"stack_name\": \"a\", \"status\": \"running\", \"config\": {\"tier\": \"dev\"}}",
        "{\"schema_version\": \"3\", \"stack_name\": \"a\", \"status\": \"running\", \"config\": {\"tier\": \"dev\"}}",
        "{\"stack_name\": \"a\", \"schema_version\": 3, \"status\": \"running\", \"config\": {\"tier\": \"dev\"}}",
        "{\"schema_version\": 3.0, \"stack_name\": \"a\", \"status\": \"running\", \"config\": {\"tier\": \"dev\"}}",
        "{\"schema_version\": 4, \"stack_name\": \"a\", \"status\": \"running\", \"config\": {\"tier\": \"dev\"}}",
        "{\"schema_version\": 3, \"stack_name\": \"a\", \"status\": \"running\", \"config\": {\"tier\": \"dev\"}, \"schema_version\": 4}",
        "{\"schema_version\": 3, \"stack_name\": \"a\", \"status\": \"running\", \"config\": {\"tier\": \"dev\", \"tier\": \"gpu\"}}",
        "{\"schema_version\": 3, \"stack_name\": \"a\", \"status\": \"running\", \"config\": {\"tier\": \"dev\"}} {}",
        "{\"schema_version\": 3, \"stack_name\": \"a\", \"status\": \"running\", \"config\": {\"tier\": \"dev\"}",
        "{\"schema_version\": 3, \"stack_name\": \"../x\", \"status\": \"running\", \"config\": {\"tier\": \"dev\"}}",
        "{\"schema_version\": 3, \"stack_name\": \"a\", \"status\": \"exploded\", \"config\": {\"tier\": \"dev\"}}",
        "{\"schema_version\": 3, \"stack_name\": \"a\", \"status\": \"running\"}",
        "[1, 2]",
        "",
        "   "})
    void read_anythingButAPlainCurrentDocument_declines(String text) {
        assertThat(CurrentSchemaReader.read(utf8(text))).isEmpty();
    }

    @Test
    void read_minimalCurrentDocument_isRead() {
        assertThat(CurrentSchemaReader.read(utf8(
                "{\"schema_version\": 3, \"stack_name\": \"a\", \"status\": \"running\", \"config\": {\"tier\": \"dev\"}}\n")))
                .hasValueSatisfying(s -> {
                    assertThat(s.stackName()).isEqualTo("a");
                    assertThat(s.migrationHistory()).isEmpty();
                });
    }

    @Test
    void read_unknownFieldsAtEveryLevel_areKeptAsTheFullPathKeepsThem() {
        ObjectNode tree = StateCodec.toTree(randomState(new Random(3)));
        tree.putObject("future_block").put("x", new BigDecimal("1.50")).putArray("list").add(1).addNull().add("s");
        ((ObjectNode) tree.get("config")).put("os_type", "ubuntu-22.04").putNull("nothing");
        tree.put("big", new java.math.BigInteger("123456789012345678901234567890"));
        tree.put("float", 0.1);
        byte[] bytes = StateCodec.writeTree(tree);

        DeploymentState fast = CurrentSchemaReader.read(bytes).orElseThrow();

        assertThat(fast).isEqualTo(StateCodec.read(bytes, "extras"));
        assertThat(StateCodec.write(fast)).isEqualTo(StateCodec.write(StateCodec.read(bytes, "extras")));
        assertThat(fast.unknownFieldNames()).contains("future_block", "big", "float");
    }

    /** A state with most fields set at random, so the two paths are compared on every kind of value. */
    static DeploymentState randomState(Random r) {
        String name = "s" + Integer.toHexString(r.nextInt(1 << 20));
        DeploymentState.Builder b = DeploymentState.builder()
                .stackName(name).status(Status.values()[r.nextInt(Status.values().length)])
                .serial(r.nextInt(1000))
                .createdAt(Instant.ofEpochSecond(1_700_000_000L + r.nextInt(50_000_000), r.nextInt(1_000_000) * 1000L))
                .config(DeploymentConfig.builder().stackName(name).tier(Tier.values()[r.nextInt(3)])
                        .region(r.nextBoolean() ? "eu-west-1" : "us-east-1").instanceType("g5.xlarge")
                        .useSpot(r.nextBoolean()).build())
                .migrationHistory(List.of("v1_to_v2_add_schema_version"))
                .resourceProvenance(Map.of("vpc", r.nextBoolean() ? Provenance.CREATED : Provenance.REUSED));
        if (r.nextBoolean()) {
            b.vpcId("vpc-" + r.nextInt()).subnetIds(List.of("subnet-a", "subnet-b")).efsId("fs-1").instanceId("i-1")
                    .publicIp("1.2.3.4").httpsEnabled(r.nextBoolean());
        }
        if (r.nextBoolean()) {
            b.cost(CostTracking.builder().isSpot(true).spotPricePerHour(new BigDecimal("0." + (1000 + r.nextInt(9000))))
                    .estimatedMonthlyCost(new BigDecimal("212.870")).build());
        }
        if (r.nextBoolean()) {
            b.cloudFrontDistributionId("E" + r.nextInt(1 << 30)).cloudFrontDomainName("d1.cloudfront.net")
                    .cloudFrontStatus(r.nextBoolean() ? CloudFrontStatus.DEPLOYED : CloudFrontStatus.IN_PROGRESS)
                    .cloudFrontEnabled(r.nextBoolean()).cloudFrontLastCheckedAt(Instant.ofEpochSecond(1_760_000_000L))
                    .addCloudFrontOrigin(CloudFrontOrigin.builder().id("o").domainName("alb").httpPort(80).build())
                    .addCloudFrontCacheBehavior(CacheBehavior.builder().pathPattern("*").targetOriginId("o")
                            .allowedMethods(List.of("GET", "HEAD")).minTtl(0L).maxTtl(31_536_000L).compress(true).build());
        }
        if (r.nextBoolean()) {
            b.gpuEnabled(true).gpuInstanceType("g5.xlarge").gpuHealthStatus(HealthStatus.values()[r.nextInt(5)])
                    .gpuCount(1 + r.nextInt(8)).gpuMemoryMib(24576L * (1 + r.nextInt(8)));
        }
        if (r.nextBoolean()) {
            b.destroyProgress(DestroyJournal.builder().startedAt(Instant.ofEpochSecond(1_760_000_000L))
                    .preserveEfs(r.nextBoolean()).pendingCloudFrontDeletion(r.nextBoolean())
                    .addStep(DestroyStepRecord.builder().step("alb").status("done").attempts(r.nextInt(3)).build())
                    .build());
        }
        return b.build();
    }
}
