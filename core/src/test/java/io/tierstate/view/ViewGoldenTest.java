package io.tierstate.view;

import io.tierstate.error.CorruptStateException;
import io.tierstate.model.CostSubjects;
import io.tierstate.cost.CostEstimator;
import io.tierstate.cost.PriceCatalog;
import io.tierstate.cost.UnknownPriceException;
import io.tierstate.cost.UsageProfile;
import io.tierstate.model.DeploymentState;
import io.tierstate.port.StateProblem;
import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The text views, compared exactly with golden files rendered at a fixed time from fixed states. */
class ViewGoldenTest {

    static final CostEstimator ESTIMATOR = PriceCatalog.defaults().estimator();

    static Stream<Arguments> inspections() {
        return Stream.of(
                Arguments.of("inspect-tier1", (Supplier<DeploymentState>) ViewFixtures::tier1),
                Arguments.of("inspect-tier2", (Supplier<DeploymentState>) ViewFixtures::tier2),
                Arguments.of("inspect-tier3-gpu", (Supplier<DeploymentState>) ViewFixtures::tier3Gpu),
                Arguments.of("inspect-tier3-no-gpu", (Supplier<DeploymentState>) ViewFixtures::tier3Cpu),
                Arguments.of("inspect-unknown-status", (Supplier<DeploymentState>) ViewFixtures::unknownStatus),
                Arguments.of("inspect-destroying", (Supplier<DeploymentState>) ViewFixtures::destroying),
                Arguments.of("inspect-pending-cloudfront-deletion",
                        (Supplier<DeploymentState>) ViewFixtures::pendingCloudFrontDeletion));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("inspections")
    void inspect_rendersExactlyTheGoldenFile(String golden, Supplier<DeploymentState> state) {
        Inspection inspection = Inspection.of(state.get(), ESTIMATOR, UsageProfile.defaults()).withClock(ViewFixtures.CLOCK);

        Golden.assertMatches(golden, inspection.render());
    }

    @Test
    void list_empty_rendersTheGoldenFile() {
        Golden.assertMatches("list-empty", new DeploymentList(List.of(), List.of()).render());
    }

    @Test
    void list_threeRows_rendersTheGoldenFile() {
        Golden.assertMatches("list-three-rows", threeRows(List.of()).render());
    }

    @Test
    void list_withProblems_rendersTheGoldenFileWithTheProblemsAfterTheTable() {
        Golden.assertMatches("list-problems", threeRows(threeRowsProblems()).render());
    }

    /** A corrupt file and a file whose name TierState cannot address, at fixed paths. */
    static List<StateProblem> threeRowsProblems() {
        return List.of(
                new StateProblem("broken", "/home/me/.tierstate/deployments/broken.json",
                        new CorruptStateException("/home/me/.tierstate/deployments/broken.json", 1, 16,
                                "is not valid JSON: Unexpected end-of-input", null)),
                new StateProblem("Bad_Name!", "/home/me/.tierstate/deployments/Bad_Name!.json",
                        new CorruptStateException("/home/me/.tierstate/deployments/Bad_Name!.json", 0, 0,
                                "the file name is not a valid stack name, so TierState cannot address it; rename the file",
                                null)));
    }

    /** Tier 1, Tier 3 with GPU and a Tier 3 on a type the catalog has no price for, sorted by name. */
    static DeploymentList threeRows(List<StateProblem> problems) {
        DeploymentState unpriced = ViewFixtures.tier3Cpu().withStackName("edge-unpriced")
                .withConfig(ViewFixtures.tier3Cpu().config().withInstanceType("x9.mega"))
                .withCost(Optional.empty());
        return new DeploymentList(Stream.of(ViewFixtures.tier1(), unpriced, ViewFixtures.tier3Gpu())
                .map(s -> DeploymentSummary.of(s, cost(s))).toList(), problems);
    }

    static Optional<BigDecimal> cost(DeploymentState s) {
        try {
            return Optional.of(ESTIMATOR.estimate(CostSubjects.of(s), UsageProfile.defaults()).monthlyTotal());
        } catch (UnknownPriceException e) {
            return Optional.empty();
        }
    }
}
