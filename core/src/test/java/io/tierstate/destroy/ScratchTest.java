package io.tierstate.destroy;

import io.tierstate.DeploymentClient;
import io.tierstate.sim.SimulatedCloud;
import io.tierstate.testing.Tier3World;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScratchTest {
    @TempDir
    Path home;

    @Test
    void show() {
        SimulatedCloud sim = SimulatedCloud.create();
        DeploymentClient client = DeploymentClient.builder().home(home).cloud(sim).build();
        Tier3World.deploy(sim, client, "gpu-stack");
        Destroy d = client.deployment("gpu-stack").destroy();
        System.out.println(d.planLive().render());
        System.out.println(d.onProgress(e -> { if (e.phase() != ProgressEvent.Phase.WAITING) System.out.println(e); }).run().render());
        System.out.println(sim.liveResources());
    }
}
