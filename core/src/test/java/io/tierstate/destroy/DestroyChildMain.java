package io.tierstate.destroy;

import io.tierstate.DeploymentClient;
import io.tierstate.sim.SimulatedCloud;
import java.nio.file.Path;

/**
 * Runs one destroy in a child JVM, against a file store and a simulated cloud persisted in the
 * home, so the parent can kill it at any moment and resume. Prints {@code running}, then the outcome.
 *
 * <p>Arguments: HOME NAME SPEED STRATEGY
 */
public final class DestroyChildMain {

    private DestroyChildMain() {}

    public static void main(String[] args) {
        Path home = Path.of(args[0]);
        SimulatedCloud sim = SimulatedCloud.builder().persistTo(home.resolve("sim-cloud.json"))
                .speed(Double.parseDouble(args[2])).build();
        try (DeploymentClient client = DeploymentClient.builder().home(home).cloud(sim).build()) {
            System.out.println("running");
            System.out.flush();
            DestroyReport report = client.deployment(args[1]).destroy().strategy(Strategy.valueOf(args[3])).run();
            System.out.println(report.outcome());
        }
    }
}
