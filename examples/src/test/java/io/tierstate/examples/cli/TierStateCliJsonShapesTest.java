package io.tierstate.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tierstate.migration.fixtures.Fixtures;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The JSON shapes docs/cli.md documents are what the program prints: every field printed is
 * named there, and every field named there without {@code ?} is printed.
 */
class TierStateCliJsonShapesTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path home;

    @TempDir
    Path copy;

    private Map<String, Shape> documented;

    /** A documented shape: an object's fields (name to shape, optional or not), an array's element, or a plain value. */
    record Shape(Map<String, Shape> fields, Map<String, Boolean> optional, Shape element, boolean isArray) {
        static final Shape VALUE = new Shape(null, null, null, false);
    }

    @BeforeEach
    void readTheDocsAndMakeAHome() throws IOException {
        String doc = Files.readString(Path.of("../docs/cli.md"));
        Matcher block = Pattern.compile("```json-shapes\\n(.*?)```", Pattern.DOTALL).matcher(doc);
        assertThat(block.find()).as("docs/cli.md has a json-shapes block").isTrue();
        documented = new LinkedHashMap<>();
        for (String line : block.group(1).split("\\n")) {
            int brace = firstOf(line, '{', '[');
            String command = line.substring(0, brace < 0 ? line.length() : brace).strip();
            if (brace < 0) {
                continue; // "refresh  the same as inspect"
            }
            documented.put(command, new Parser(line.substring(brace)).shape());
        }
        Path d = Files.createDirectories(home.resolve("deployments"));
        Files.write(d.resolve("gpu-global.json"), Fixtures.bytes("v2-gpu-tier3.json"));
        Files.write(d.resolve("dev-sandbox.json"), Fixtures.bytes("v1-dev-tier1.json"));
    }

    private static int firstOf(String s, char a, char b) {
        int i = s.indexOf(a);
        int j = s.indexOf(b);
        return i < 0 ? j : j < 0 ? i : Math.min(i, j);
    }

    private JsonNode json(String... args) throws IOException {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        List<String> all = new ArrayList<>(List.of("--home", home.toString(), "--cloud", "simulated", "--json"));
        all.addAll(List.of(args));
        TierStateCli.run(all.toArray(String[]::new), new BufferedReader(new StringReader("")), new PrintWriter(out),
                new PrintWriter(err));
        return JSON.readTree(CliRun.checkedForJavaHints(out.toString()));
    }

    @Test
    void everyCommandsJson_hasTheDocumentedFields() throws IOException {
        Files.writeString(home.resolve("deployments/broken.json"), "{oops");
        check("list", json("list"));
        Files.delete(home.resolve("deployments/broken.json"));
        check("error", json("inspect", "nope"));
        check("inspect", json("inspect", "gpu-global"));
        check("inspect", json("inspect", "dev-sandbox"));
        check("inspect", json("refresh", "gpu-global"));
        check("refresh --diff", json("refresh", "gpu-global", "--diff", "--ignore", "efs.size_bytes"));
        check("refresh --diff", json("refresh", "gpu-global", "--diff", "--record"));
        check("cost", json("cost", "gpu-global"));
        check("cost", json("cost", "--tier", "gpu", "--instance-type", "g5.xlarge"));
        check("cost", json("cost", "gpu-global", "--budget", "100"));
        check("cost", json("cost", "gpu-global", "--svg", copy.resolve("cost.svg").toString()));
        check("cost --to-date", json("cost", "gpu-global", "--to-date"));
        check("cost --usage-from-metrics", json("cost", "gpu-global", "--usage-from-metrics", "--days", "2"));
        check("cost --to-date", json("cost", "gpu-global", "--to-date", "--usage-from-metrics"));
        check("cost --instance-type", json("cost", "gpu-global", "--instance-type", "g5.xlarge"));
        // a move to another region: the prices before are another region's, so the diff names both
        Path prices = Files.writeString(copy.resolve("prices.json"), "{\"regions\": {\"eu-west-1\": {\"alb\":"
                + " {\"hourly\": \"0.03\", \"lcu_hourly\": \"0.01\"}, \"efs\": {\"standard_storage\": \"0.40\"}}}}");
        JsonNode move = json("cost", "gpu-global", "--region", "eu-west-1", "--prices", prices.toString());
        assertThat(move.get("before_catalog_region").asText()).isEqualTo("us-east-1");
        check("cost --instance-type", move);
        check("list", json("list", "--budget", "100", "--fail-over-budget"));
        check("migrate", json("migrate", "--dry-run"));
        check("migrate", json("migrate"));
        check("backups", json("backups", "gpu-global"));
        check("restore", json("restore", "gpu-global", "latest"));
        check("copy", json("copy", "--to", copy.toString()));
        check("destroy --dry-run", json("destroy", "gpu-global", "--dry-run"));
        check("destroy", json("destroy", "gpu-global", "--yes", "--defer-cloudfront"));
        check("complete-pending", json("complete-pending"));
        check("verify", json("verify", "gpu-global"));
        check("timeline", json("timeline", "gpu-global", copy.resolve("destroy.svg").toString()));
        check("report", json("report", "gpu-global", "--html", copy.resolve("report.html").toString()));
        check("demo", json("demo"));
    }

    @Test
    void theChecker_catchesAnUndocumentedField_andAMissingOne() throws IOException {
        Shape shape = new Parser("{a, b?, c: [{d}]}").shape();

        assertThat(mismatches("x", shape, JSON.readTree("{\"a\": 1, \"c\": [{\"d\": 2}]}"))).isEmpty();
        assertThat(mismatches("x", shape, JSON.readTree("{\"a\": 1, \"c\": [], \"e\": 1}"))).containsExactly("x.e is not documented");
        assertThat(mismatches("x", shape, JSON.readTree("{\"b\": 1, \"c\": [{\"f\": 2}]}")))
                .containsExactly("x.a is documented but missing", "x.c[].f is not documented");
    }

    private void check(String command, JsonNode printed) {
        assertThat(documented).as("docs/cli.md documents " + command).containsKey(command);
        assertThat(mismatches(command, documented.get(command), printed)).as(command + " printed " + printed).isEmpty();
    }

    private static List<String> mismatches(String path, Shape shape, JsonNode node) {
        List<String> wrong = new ArrayList<>();
        if (shape.isArray()) {
            if (!node.isArray()) {
                wrong.add(path + " is not an array");
            } else if (shape.element() != null) {
                node.forEach(e -> wrong.addAll(mismatches(path + "[]", shape.element(), e)));
            }
        } else if (shape.fields() != null) {
            if (!node.isObject()) {
                wrong.add(path + " is not an object");
                return wrong;
            }
            shape.fields().forEach((name, s) -> {
                if (!node.has(name) && !shape.optional().get(name) && path.indexOf('.') < 0 && path.indexOf('[') < 0) {
                    wrong.add(path + "." + name + " is documented but missing");
                }
            });
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                Shape s = shape.fields().get(e.getKey());
                if (s == null) {
                    wrong.add(path + "." + e.getKey() + " is not documented");
                } else if (s != Shape.VALUE && !e.getValue().isNull()) {
                    wrong.addAll(mismatches(path + "." + e.getKey(), s, e.getValue()));
                }
            }
        }
        return wrong;
    }

    /** Reads {@code {a, b?, c: [{d}], e: []}}. */
    private static final class Parser {
        private final String s;
        private int i;

        Parser(String s) {
            this.s = s;
        }

        Shape shape() {
            skip();
            char c = s.charAt(i++);
            if (c == '[') {
                skip();
                Shape element = null;
                if (s.charAt(i) != ']') {
                    element = shape();
                    skip();
                }
                expect(']');
                return new Shape(null, null, element, true);
            }
            if (c != '{') {
                throw new IllegalArgumentException("expected { or [ at " + (i - 1) + " in " + s);
            }
            Map<String, Shape> fields = new LinkedHashMap<>();
            Map<String, Boolean> optional = new LinkedHashMap<>();
            skip();
            while (s.charAt(i) != '}') {
                int start = i;
                while (Character.isLetterOrDigit(s.charAt(i)) || s.charAt(i) == '_') {
                    i++;
                }
                String name = s.substring(start, i);
                boolean opt = s.charAt(i) == '?';
                if (opt) {
                    i++;
                }
                skip();
                Shape value = Shape.VALUE;
                if (s.charAt(i) == ':') {
                    i++;
                    value = shape();
                    skip();
                }
                fields.put(name, value);
                optional.put(name, opt);
                if (s.charAt(i) == ',') {
                    i++;
                    skip();
                }
            }
            i++;
            return new Shape(fields, optional, null, false);
        }

        private void expect(char c) {
            if (s.charAt(i++) != c) {
                throw new IllegalArgumentException("expected " + c + " at " + (i - 1) + " in " + s);
            }
        }

        private void skip() {
            while (i < s.length() && s.charAt(i) == ' ') {
                i++;
            }
        }
    }
}
