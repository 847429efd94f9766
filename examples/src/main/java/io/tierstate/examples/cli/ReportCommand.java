package io.tierstate.examples.cli;

import io.tierstate.DeploymentClient;
import io.tierstate.StateJson;
import io.tierstate.view.HtmlReport;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code tierstate report NAME --html FILE.html}: one self-contained page to attach to a CI run. */
@Command(name = "report", description = "Write one self-contained HTML page about a deployment: the inspection (CloudFront "
        + "URL first), the cost breakdown and the last destroy's timeline, inline, with no scripts and nothing loaded from "
        + "elsewhere. A destroyed deployment is reported from its archived state. Reads local state only.")
final class ReportCommand implements Callable<Integer> {

    @ParentCommand
    TierStateCli cli;

    @Parameters(paramLabel = "NAME", description = "The stack name.")
    String name;

    @Option(names = "--html", required = true, paramLabel = "FILE.html", description = "Where to write the page.")
    Path html;

    @Override
    public Integer call() {
        Path target = PictureFiles.check("--html", html, ".html", "--html report.html");
        try (DeploymentClient client = cli.client()) {
            HtmlReport report = client.deployment(name).report();
            PictureFiles.write("--html", target, report.toHtml());
            if (cli.json) {
                var root = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode()
                        .put("deployment", name).put("file", target.toString())
                        .put("has_cost", report.inspection().estimate().isPresent())
                        .put("has_timeline", report.timeline().isPresent());
                cli.print(StateJson.write(root));
            } else {
                cli.print("wrote " + target + " (inspection, cost" + (report.timeline().isPresent() ? ", last destroy" : "")
                        + ")\n");
            }
            return 0;
        }
    }
}
