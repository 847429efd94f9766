package io.tierstate.destroy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tierstate.DeploymentClient;
import io.tierstate.StateJson;
import io.tierstate.error.CloudOperationException;
import io.tierstate.model.DeploymentState;
import io.tierstate.sim.SimOperation;
import io.tierstate.sim.SimulatedCloud;
import io.tierstate.testing.Tier3World;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The destroy timeline: recorded as the destroy runs, journaled, read back, and drawn. */
class DestroyTimelineTest {

    @TempDir
    Path home;

    private SimulatedCloud sim;
    private DeploymentClient client;

    @BeforeEach
    void setUp() {
        sim = SimulatedCloud.create();
        client = DeploymentClient.builder().home(home).cloud(sim).build();
    }

    private DestroyReport destroy(String name, Strategy strategy) {
        Tier3World.deploy(sim, client, name);
        return client.deployment(name).destroy().strategy(strategy).run();
    }

    @Test
    void overlapped_hasARowPerStep_cloudFrontsPhasesInOrder_andTheCriticalPathSetsTheTotal() throws Exception {
        DestroyReport report = destroy("ovl", Strategy.OVERLAPPED);
        DestroyTimeline t = report.timeline();

        assertThat(t.rows()).extracting(DestroyTimeline.Row::step)
                .containsExactlyElementsOf(concat(report.steps().stream().map(DestroyReport.StepResult::step).toList(), "verify"));
        assertThat(t.total()).isEqualTo(report.duration());
        for (DestroyTimeline.Row r : t.rows()) {
            for (DestroyTimeline.Span s : r.spans()) {
                assertThat(s.from()).as(r.step()).isBetween(Duration.ZERO, s.to());
                assertThat(s.to()).as(r.step()).isLessThanOrEqualTo(t.total());
            }
        }
        DestroyTimeline.Row cf = t.row("cloudfront").orElseThrow();
        assertThat(cf.spans()).extracting(DestroyTimeline.Span::phase).containsExactly(DestroyTimeline.Phase.REQUESTED,
                DestroyTimeline.Phase.WAITING, DestroyTimeline.Phase.DELETING);
        assertThat(cf.spans().get(1).duration()).as("the disable propagating").isGreaterThan(Duration.ofMinutes(10));
        DestroyTimeline.Row instance = t.row("instance").orElseThrow();
        assertThat(instance.start().orElseThrow()).as("overlapped: the instance goes while CloudFront propagates")
                .isLessThan(cf.end().orElseThrow());
        assertThat(instance.spans()).extracting(DestroyTimeline.Span::phase).contains(DestroyTimeline.Phase.DELETING);
        List<String> path = t.criticalPath().stream().map(DestroyTimeline.Row::step).toList();
        assertThat(path).startsWith("cloudfront", "alb").endsWith("verify").doesNotContain("instance", "efs");
        for (int i = 1; i < path.size(); i++) {
            DestroyTimeline.Row before = t.row(path.get(i - 1)).orElseThrow();
            DestroyTimeline.Row after = t.row(path.get(i)).orElseThrow();
            assertThat(before.end().orElseThrow()).as(path.get(i - 1) + " ends before " + path.get(i) + " starts")
                    .isLessThanOrEqualTo(after.start().orElseThrow());
        }
        assertThat(t.row("verify").orElseThrow().result()).isEqualTo("nothing left");
        var json = io.tierstate.internal.StateCodec.mapper().readTree(report.toJson()).get("timeline");
        assertThat(json.get("total_seconds").asDouble()).isEqualTo(t.total().toMillis() / 1000.0);
        assertThat(json.get("rows")).hasSize(t.rows().size());
        assertThat(json.get("critical_path").get(0).asText()).isEqualTo("cloudfront");
        var cfJson = json.get("rows").get(0);
        assertThat(cfJson.get("step").asText()).isEqualTo("cloudfront");
        assertThat(cfJson.get("critical").asBoolean()).isTrue();
        assertThat(cfJson.get("phases").get(1).get("phase").asText()).isEqualTo("waiting");
        assertThat(cfJson.get("phases").get(1).get("to_seconds").asDouble())
                .isEqualTo(cf.spans().get(1).to().toMillis() / 1000.0);
        assertThat(t.render()).contains("Destroy of 'ovl': overlapped, completed in ").contains("* cloudfront");
    }

    @Test
    void sequential_runsOneStepAtATime_andEveryStepIsOnTheCriticalPath() {
        DestroyTimeline t = destroy("seq", Strategy.SEQUENTIAL).timeline();

        List<DestroyTimeline.Row> ran = t.rows().stream().filter(r -> !r.spans().isEmpty()).toList();
        for (DestroyTimeline.Row a : ran) {
            for (DestroyTimeline.Row b : ran) {
                if (a != b) {
                    boolean apart = a.end().get().compareTo(b.start().get()) <= 0 || b.end().get().compareTo(a.start().get()) <= 0;
                    assertThat(apart).as(a.step() + " and " + b.step() + " overlap").isTrue();
                }
            }
        }
        assertThat(t.criticalPath()).containsExactlyInAnyOrderElementsOf(ran);
    }

    @Test
    void theArchivedJournal_drawsTheSameBars_asTheReport() {
        DestroyReport report = destroy("arch", Strategy.OVERLAPPED);
        DeploymentState archived = client.stateStore().latestArchive("arch").orElseThrow();

        DestroyTimeline fromJournal = DestroyTimeline.fromJournal(archived).orElseThrow();

        assertThat(fromJournal.outcome()).isEqualTo("completed");
        assertThat(fromJournal.strategy()).isEqualTo(Strategy.OVERLAPPED);
        for (DestroyTimeline.Row r : fromJournal.rows()) {
            DestroyTimeline.Row live = report.timeline().row(r.step()).orElseThrow();
            assertThat(r.spans()).as(r.step()).isEqualTo(millis(live.spans()));
            assertThat(r.result()).as(r.step()).isEqualTo(live.result());
        }
        assertThat(fromJournal.row("verify")).as("the journal has the steps; the verify is the report's").isEmpty();
        assertThat(fromJournal.criticalPath()).extracting(DestroyTimeline.Row::step).startsWith("cloudfront", "alb");
        assertThat(client.deployment("arch").lastDestroy()).contains(fromJournal);
    }

    @Test
    void aFailedDestroy_showsTheFailure_andItsResume_marksWhatTheFirstRunDid() {
        Tier3World.deploy(sim, client, "broken");
        sim.failNext(SimOperation.DELETE_LOAD_BALANCER, new CloudOperationException("elasticloadbalancing:DeleteLoadBalancer",
                "AccessDenied", "req-1", 403, false, "not allowed", null));
        DestroyReport first = client.deployment("broken").destroy().run();
        assertThat(first.outcome()).isEqualTo(DestroyReport.Outcome.FAILED);

        DestroyTimeline failed = client.deployment("broken").lastDestroy().orElseThrow();

        assertThat(failed.outcome()).isEqualTo("failed");
        assertThat(failed.row("alb").orElseThrow().result()).isEqualTo("failed");
        assertThat(failed.row("target_group").orElseThrow().result()).isEqualTo("not started");
        assertThat(failed.row("instance").orElseThrow().result()).isEqualTo("deleted");
        assertThat(first.timeline().row("target_group").orElseThrow().result()).isEqualTo("skipped: alb failed");
        assertThat(failed.toSvg()).contains(" · failed</text>").doesNotContain("NaN");

        DestroyReport second = client.deployment("broken").destroy().run();

        assertThat(second.timeline().row("instance").orElseThrow().result()).isEqualTo("done by an earlier run");
        assertThat(second.timeline().row("instance").orElseThrow().spans()).isEmpty();
        assertThat(second.timeline().row("alb").orElseThrow().result()).isEqualTo("deleted");
        DestroyTimeline resumed = DestroyTimeline.fromJournal(client.stateStore().latestArchive("broken").orElseThrow()).orElseThrow();
        assertThat(resumed.row("instance").orElseThrow().result()).isEqualTo("done by an earlier run");
        assertThat(resumed.row("alb").orElseThrow().spans()).isNotEmpty();
    }

    @Test
    void aStateWithoutJournal_hasNoTimeline_andNoTimelinesIsAnError() {
        Tier3World.deploy(sim, client, "live");

        assertThat(client.deployment("live").lastDestroy()).isEmpty();
        assertThatThrownBy(() -> DestroyTimeline.toSvg(List.of())).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at least one");
    }

    @Test
    void aHostileJournal_isDrawn_escaped_andClamped() {
        Tier3World.deploy(sim, client, "evil");
        String json = StateJson.write(client.deployment("evil").state());
        String journal = """
                "destroy_progress": {"started_at": "2026-01-01T00:00:00Z", "strategy": "<b>sideways</b>",
                  "steps": [
                    {"step": "instance", "status": "deleting", "run_started_at": "2026-01-01T00:00:00Z",
                     "phases": [{"phase": "teleporting", "from_seconds": -5, "to_seconds": 1e30}]},
                    {"step": "cloudfront", "status": "<script>alert(1)</script>", "run_started_at": "2026-01-01T00:00:00Z",
                     "phases": [{"phase": "waiting", "from_seconds": 20, "to_seconds": 10}]}
                  ]},
                """;
        DeploymentState state = StateJson.read(json.replaceFirst("\\{", "{" + journal));

        DestroyTimeline t = DestroyTimeline.fromJournal(state).orElseThrow();
        String svg = t.toSvg();

        assertThat(t.strategy()).as("an unknown strategy reads as the default").isEqualTo(Strategy.OVERLAPPED);
        assertThat(t.row("cloudfront").orElseThrow().result()).isEqualTo("in progress: <script>alert(1)</script>");
        assertThat(t.row("instance").orElseThrow().spans().get(0).phase()).isEqualTo(DestroyTimeline.Phase.REQUESTED);
        assertThat(t.row("cloudfront").orElseThrow().spans().get(0).duration()).isEqualTo(Duration.ZERO);
        assertThat(svg).doesNotContain("<script").contains("in progress: &lt;script&gt;alert(1)&lt;/script&gt;").doesNotContain("NaN")
                .doesNotContain("Infinity");
        assertThat(numbers(svg)).allSatisfy(n -> assertThat(n).isBetween(-1.0, 10_000.0));
    }

    @Test
    void ticks_arePickedSoTheAxisHasAtMostEightLabels() {
        assertThat(TimelinePicture.tick(5)).isEqualTo(1);
        assertThat(TimelinePicture.tick(90)).isEqualTo(15);
        assertThat(TimelinePicture.tick(20 * 60)).isEqualTo(300);
        assertThat(TimelinePicture.tickLabel(600, 300)).isEqualTo("10 min");
        assertThat(TimelinePicture.tickLabel(7200, 3600)).isEqualTo("2 h");
        assertThat(TimelinePicture.tickLabel(30, 10)).isEqualTo("30 s");
        assertThat(TimelinePicture.tick(400L * 86400)).isEqualTo(50L * 86400);
        assertThat(TimelinePicture.brief(Duration.ofMillis(999))).isEqualTo("<1s");
        assertThat(DestroyReport.format(Duration.ofSeconds(59))).isEqualTo("59s");
        assertThat(DestroyReport.format(Duration.ofSeconds(905))).isEqualTo("15m05s");
        assertThat(DestroyReport.format(Duration.ofSeconds(4500))).as("hours, not 75m00s").isEqualTo("1h15m00s");
    }

    private static List<DestroyTimeline.Span> millis(List<DestroyTimeline.Span> spans) {
        return spans.stream().map(s -> new DestroyTimeline.Span(s.phase(), Duration.ofMillis(s.from().toMillis()),
                Duration.ofMillis(s.to().toMillis()))).toList();
    }

    private static List<String> concat(List<String> a, String b) {
        List<String> all = new ArrayList<>(a);
        all.add(b);
        return all;
    }

    private static List<Double> numbers(String svg) {
        Matcher m = Pattern.compile(" (?:x|y|width|height|x1|x2|y1|y2)=\"([^\"]+)\"").matcher(svg);
        List<Double> out = new ArrayList<>();
        while (m.find()) {
            out.add(Double.parseDouble(m.group(1)));
        }
        return out;
    }
}
