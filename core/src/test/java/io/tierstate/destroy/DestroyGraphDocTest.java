package io.tierstate.destroy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The dependency graph in docs/destroy.md is the one the planner uses, edge for edge and in the same order. */
class DestroyGraphDocTest {

    private static final Path DOC = Path.of("..", "docs", "destroy.md");

    @Test
    void docsTable_isPlannerGraph() throws Exception {
        assumeTrue(Files.exists(DOC), "docs/destroy.md is read from the project root; not found from " + Path.of("").toAbsolutePath());
        Pattern row = Pattern.compile("^\\| (\\d+) \\| `([a-z_]+)` \\| .* \\| ([a-z_, —]+) \\|$");
        Map<StepKind, List<StepKind>> documented = new EnumMap<>(StepKind.class);
        List<StepKind> order = new ArrayList<>();
        for (String line : Files.readAllLines(DOC)) {
            Matcher m = row.matcher(line);
            if (m.matches()) {
                StepKind kind = StepKind.fromId(m.group(2)).orElseThrow(() -> new AssertionError("unknown step in the docs: " + line));
                List<StepKind> deps = new ArrayList<>();
                for (String d : m.group(3).split(",")) {
                    String id = d.trim();
                    if (!id.equals("—")) {
                        deps.add(StepKind.fromId(id).orElseThrow(() -> new AssertionError("unknown dependency in the docs: " + line)));
                    }
                }
                documented.put(kind, deps);
                order.add(kind);
            }
        }

        assertThat(order).as("every step, in the order a sequential destroy runs them").containsExactly(StepKind.values());
        assertThat(documented).isEqualTo(Planner.GRAPH);
    }
}
