package io.tierstate.examples.cli;

import io.tierstate.model.DeploymentState;
import io.tierstate.StateJson;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code tierstate record-gpu NAME INSTANCE_ID}. */
@Command(name = "record-gpu", description = "Describe a GPU instance (type, AMI, health, GPUs) and record it in the deployment's state.")
final class RecordGpuCommand implements Callable<Integer> {

    @ParentCommand
    TierStateCli cli;

    @Parameters(index = "0", paramLabel = "NAME", description = "The stack name.")
    String name;

    @Parameters(index = "1", paramLabel = "INSTANCE_ID", description = "e.g. i-0abc123")
    String instanceId;

    @Override
    public Integer call() {
        try (CliSession session = cli.cloudSession()) {
            DeploymentState s = session.client().deployment(name).recordGpuInstance(instanceId);
            cli.spec.commandLine().getOut().print(cli.json ? StateJson.write(s)
                    : "recorded " + instanceId + ": " + s.gpuInstanceType().orElse("?") + ", " + s.gpuCount().orElse(0) + " x "
                            + s.gpuManufacturer().orElse("") + " " + s.gpuModel().orElse("?") + ", "
                            + s.gpuMemoryMib().map(m -> m / 1024 + " GiB").orElse("?") + " GPU memory, health "
                            + s.gpuHealthStatus().map(Object::toString).orElse("unknown") + "\n");
            return 0;
        }
    }
}
