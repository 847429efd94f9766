package io.tierstate.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import jdk.jshell.Diag;
import jdk.jshell.JShell;
import jdk.jshell.Snippet;
import jdk.jshell.SnippetEvent;
import jdk.jshell.SourceCodeAnalysis;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README's Java quick start, run verbatim in the shipped JShell script, as a reader would paste it. */
class ReadmeInJShellTest {

    private static final Path ROOT = Path.of("..");

    @TempDir
    Path userHome;

    /** @return the first java block after the README's "Quick start (Java)" heading */
    static String quickStart() throws IOException {
        String readme = Files.readString(ROOT.resolve("README.md"));
        int at = readme.indexOf("## Quick start (Java)");
        assertThat(at).as("README has a Java quick start").isNotNegative();
        Matcher m = Pattern.compile("```java\\n(.*?)\\n```", Pattern.DOTALL).matcher(readme);
        assertThat(m.find(at)).as("a java block after the heading").isTrue();
        return m.group(1);
    }

    @Test
    void readmeQuickStart_runsInTierstateJsh_withoutACompileErrorOrAnException() throws IOException {
        String script = Files.readString(ROOT.resolve("examples/tierstate.jsh"));
        String quickStart = quickStart();
        assertThat(quickStart).contains("SimulatedCloud.create()").contains("REAL AWS ACCOUNT");

        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        String home = System.getProperty("user.home");
        System.setProperty("user.home", userHome.toString()); // DeploymentClient.create() in the script: not the real ~
        PrintStream stdout = System.out;
        // the local engine runs the snippets in this JVM: what they print goes to System.out
        System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
        List<String> problems = new ArrayList<>();
        try (JShell shell = JShell.builder().executionEngine("local")
                .out(new PrintStream(printed, true, StandardCharsets.UTF_8))
                .err(new PrintStream(printed, true, StandardCharsets.UTF_8))
                .compilerOptions("--class-path", System.getProperty("java.class.path"))
                .build()) {
            shell.addToClasspath(System.getProperty("java.class.path"));
            evaluate(shell, script, problems);
            evaluate(shell, quickStart, problems);
        } finally {
            System.setProperty("user.home", home);
            System.setOut(stdout);
        }

        String output = printed.toString(StandardCharsets.UTF_8);
        assertThat(problems).as(output).isEmpty();
        assertThat(output).contains("TierState ready").contains("gpu-global").contains("no CloudFront yet")
                .contains("Monthly total").contains("Destroy plan for 'gpu-global'");
    }

    /** Feeds source to the shell one complete snippet at a time, noting every rejection and exception. */
    private static void evaluate(JShell shell, String source, List<String> problems) {
        SourceCodeAnalysis analysis = shell.sourceCodeAnalysis();
        String rest = source;
        while (!rest.isBlank()) {
            SourceCodeAnalysis.CompletionInfo info = analysis.analyzeCompletion(rest);
            if (info.completeness() == SourceCodeAnalysis.Completeness.EMPTY) {
                break;
            }
            if (!info.completeness().isComplete()) {
                problems.add("incomplete snippet: " + rest.strip());
                return;
            }
            for (SnippetEvent e : shell.eval(info.source())) {
                if (e.status() == Snippet.Status.REJECTED) {
                    StringBuilder why = new StringBuilder("rejected: " + e.snippet().source().strip());
                    shell.diagnostics(e.snippet()).forEach((Diag d) -> why.append("\n  ").append(d.getMessage(null)));
                    problems.add(why.toString());
                }
                if (e.exception() != null) {
                    problems.add("threw " + e.exception() + ": " + e.snippet().source().strip());
                }
            }
            rest = info.remaining();
        }
    }
}
