package io.tierstate.examples.cli;

import io.tierstate.DeploymentClient;
import io.tierstate.StateJson;
import io.tierstate.destroy.DestroyTimeline;
import io.tierstate.error.InvalidInputException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code tierstate timeline NAME FILE.svg}: the last destroy of a deployment as a Gantt chart, from its journal. */
@Command(name = "timeline", description = "Draw the last destroy of a deployment (in progress, failed, or completed and "
        + "archived) into FILE.svg: a row per step, its phases (requested, waiting, deleting), the critical path outlined."
        + " Reads local state only.")
final class TimelineCommand implements Callable<Integer> {

    @ParentCommand
    TierStateCli cli;

    @Parameters(index = "0", paramLabel = "NAME", description = "The stack name.")
    String name;

    @Parameters(index = "1", paramLabel = "FILE.svg", description = "Where to write the picture.")
    Path file;

    @Override
    public Integer call() {
        Path target = PictureFiles.check("FILE.svg", file, ".svg", "tierstate timeline " + name + " timeline.svg");
        try (DeploymentClient client = cli.client()) {
            Optional<DestroyTimeline> timeline = client.deployment(name).lastDestroy();
            if (timeline.isEmpty()) {
                throw new InvalidInputException("'" + name + "' has no destroy recorded: its state has no destroy journal; "
                        + "'tierstate destroy " + name + " --timeline FILE.svg' draws one as it runs");
            }
            DestroyTimeline t = timeline.get();
            PictureFiles.write("FILE.svg", target, t.toSvg());
            if (cli.json) {
                var root = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode()
                        .put("deployment", t.deployment()).put("file", target.toString())
                        .put("strategy", t.strategy().name().toLowerCase(Locale.ROOT)).put("outcome", t.outcome());
                var tree = t.toTree(); // total_seconds and critical_path as destroy --json writes them; not the rows
                root.set("total_seconds", tree.get("total_seconds"));
                root.set("critical_path", tree.get("critical_path"));
                cli.print(StateJson.write(root));
            } else {
                cli.print(t.render() + "wrote " + target + "\n");
            }
            return 0;
        }
    }
}
