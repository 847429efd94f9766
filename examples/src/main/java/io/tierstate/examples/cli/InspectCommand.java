package io.tierstate.examples.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.tierstate.DeploymentClient;
import io.tierstate.model.DeploymentState;
import io.tierstate.model.StateJson;
import java.io.PrintWriter;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code tierstate inspect NAME}: every recorded field of one deployment. */
@Command(name = "inspect", description = "Show one deployment's recorded state (read only; v1/v2 files are migrated in memory).")
final class InspectCommand implements Callable<Integer> {

    @ParentCommand
    TierStateCli cli;

    @Parameters(paramLabel = "NAME", description = "The stack name.")
    String name;

    @Override
    public Integer call() throws Exception {
        try (DeploymentClient client = cli.client()) {
            DeploymentState state = client.deployment(name).state();
            PrintWriter out = cli.spec.commandLine().getOut();
            String json = StateJson.write(state);
            if (cli.json) {
                out.print(json);
            } else {
                dump("", io.tierstate.internal.StateCodec.mapper().readTree(json), out);
                try {
                    var estimate = client.deployment(name).estimateCost();
                    out.println("estimated monthly cost: $" + estimate.monthlyTotalRounded().toPlainString()
                            + " (default usage profile; 'tierstate cost " + name + "' for the breakdown)");
                } catch (io.tierstate.cost.UnknownPriceException e) {
                    out.println("estimated monthly cost: unknown — " + e.getMessage());
                }
            }
            return 0;
        }
    }

    private static void dump(String prefix, JsonNode node, PrintWriter out) {
        if (node.isObject() && node.size() > 0) {
            Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> f = fields.next();
                dump(prefix.isEmpty() ? f.getKey() : prefix + "." + f.getKey(), f.getValue(), out);
            }
        } else if (node.isArray() && node.size() > 0 && !allScalars(node)) {
            for (int i = 0; i < node.size(); i++) {
                dump(prefix + "[" + i + "]", node.get(i), out);
            }
        } else {
            out.println(prefix + ": " + (node.isTextual() ? node.asText() : node.toString()));
        }
    }

    private static boolean allScalars(JsonNode array) {
        for (JsonNode n : array) {
            if (n.isContainerNode()) {
                return false;
            }
        }
        return true;
    }
}
