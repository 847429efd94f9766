package io.tierstate.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tierstate.migration.fixtures.Fixtures;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Reader;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine.Command;

/**
 * The program as an operator's hands meet it: help on every command, typos answered with the
 * nearest word, the home a user means, options before or after the command, values refused in the
 * flag's words, no confirmation read from a pipe, JSON errors, and CLI words in every hint.
 */
class TierStateCliHandsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path home;

    @TempDir
    Path user;

    private final Map<String, String> env = new HashMap<>();
    private boolean terminal = true;
    private final AtomicBoolean stdinRead = new AtomicBoolean();

    private record Run(int status, String out, String err) {
        JsonNode json() throws IOException {
            return JSON.readTree(out);
        }
    }

    private Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        Reader stdin = new StringReader("") {
            @Override
            public int read(char[] cbuf, int off, int len) throws IOException {
                stdinRead.set(true);
                return super.read(cbuf, off, len);
            }
        };
        boolean tty = terminal;
        int status = TierStateCli.run(args, new BufferedReader(stdin), new PrintWriter(out), new PrintWriter(err),
                new CliEnvironment(env, user, () -> tty));
        return new Run(status, CliRun.checkedForJavaHints(out.toString()), CliRun.checkedForJavaHints(err.toString()));
    }

    @BeforeEach
    void geuseMakerHome() throws IOException {
        Path d = Files.createDirectories(home.resolve("deployments"));
        Files.write(d.resolve("gpu-global.json"), Fixtures.bytes("v2-gpu-tier3.json"));
    }

    static List<String> commands() {
        return TierStateCli.COMMANDS.stream()
                .map(c -> c.getAnnotation(Command.class).name()).filter(n -> !n.equals("help")).toList();
    }

    @Test
    void aNamedCommand_isBuiltAlone_whileHelpAndTyposGetEveryCommand() {
        assertThat(TierStateCli.commandLine(new TierStateCli(), new String[] {"--home", "list", "inspect", "x"})
                .getSubcommands().keySet()).as("--home's value is not the command").containsExactly("inspect");
        assertThat(TierStateCli.commandLine(new TierStateCli(), new String[] {"--json", "list", "--home", "h"})
                .getSubcommands().keySet()).containsExactly("list");
        for (String[] args : List.of(new String[] {"lsit"}, new String[] {"help", "list"}, new String[] {"--help"},
                new String[] {}, new String[] {"--", "list"})) {
            assertThat(TierStateCli.commandLine(new TierStateCli(), args).getSubcommands().keySet())
                    .as(String.join(" ", args)).hasSize(TierStateCli.COMMANDS.size()).contains("help", "list", "report");
        }
    }

    @ParameterizedTest(name = "{0} --help")
    @MethodSource("commands")
    void everyCommand_helpAndH_printItsUsageWithDefaults_andExitZero(String command) {
        for (String flag : List.of("--help", "-h")) {
            Run r = run(command, flag);

            assertThat(r.status()).as(command + " " + flag + ": " + r.err()).isZero();
            assertThat(r.err()).isEmpty();
            assertThat(r.out()).startsWith("Usage: tierstate " + command).contains("-h, --help").contains("Default: aws");
        }
    }

    @Test
    void help_showsTheDefaultsOfACommandsOwnOptions() {
        assertThat(run("destroy", "--help").out()).contains("--strategy=sequential|overlapped").contains("Default: sequential");
        assertThat(run("list", "--help").out()).contains("Default: name");
        assertThat(run("export", "--help").out()).contains("Default: 2");
    }

    @Test
    void programHelp_showsEachCommandsSynopsis() {
        Run r = run("--help");

        assertThat(r.status()).isZero();
        assertThat(r.out()).contains("tierstate destroy [OPTIONS] NAME").contains("tierstate restore [OPTIONS] NAME BACKUP")
                .contains("tierstate copy --to STORE_URI [OPTIONS]").contains("tierstate cost [OPTIONS] [NAME]")
                .contains("tierstate refresh [OPTIONS] NAME").contains("3 deployment not found");
    }

    @Test
    void typos_suggestTheNearestCommandOrOption_andNeverAnArgumentIndex() {
        Run command = run("lst");
        Run option = run("--home", home.toString(), "list", "--sor", "cost");
        Run global = run("--hme", home.toString(), "list");
        Run extra = run("--home", home.toString(), "list", "extra");

        assertThat(command.status()).isEqualTo(2);
        assertThat(command.err()).isEqualTo("tierstate: unknown command 'lst'; did you mean 'list'? (see 'tierstate --help')\n");
        assertThat(option.err()).contains("unknown option '--sor' for 'tierstate list'; did you mean '--sort'?");
        assertThat(global.err()).contains("did you mean '--home'?");
        assertThat(extra.status()).isEqualTo(2);
        assertThat(extra.err()).contains("'tierstate list' does not take 'extra'").contains("usage: tierstate list [OPTIONS]");
        for (Run r : List.of(command, option, global, extra)) {
            assertThat(r.err()).doesNotContain("index").doesNotContain("Unmatched").hasLineCount(1);
        }
        assertThat(run("--home", home.toString(), "destroy").err()).contains("missing 'NAME'")
                .contains("usage: tierstate destroy [OPTIONS] NAME");
    }

    @Test
    void defaultHome_isTierStateHomeVariableFirst() throws IOException {
        Files.createDirectories(user.resolve(".tierstate"));
        env.put("TIERSTATE_HOME", home.toString());

        Run r = run("list");

        assertThat(r.out()).contains("gpu-global");
        assertThat(r.err()).isEmpty();
    }

    @Test
    void defaultHome_isTheGeuseMakerHome_whenOnlyItExists_saidOnceOnStderr() throws IOException {
        Path gm = Files.createDirectories(user.resolve(".geusemaker/deployments"));
        Files.write(gm.resolve("gpu-global.json"), Fixtures.bytes("v2-gpu-tier3.json"));

        Run r = run("list");
        Run inspect = run("--json", "inspect", "gpu-global");

        assertThat(r.status()).isZero();
        assertThat(r.out()).contains("gpu-global");
        assertThat(r.err()).isEqualTo("tierstate: using the GeuseMaker home " + user.resolve(".geusemaker") + " (there is no "
                + user.resolve(".tierstate") + "); --home DIR or TIERSTATE_HOME chooses another\n");
        assertThat(inspect.json().path("name").asText()).isEqualTo("gpu-global");
        assertThat(inspect.err()).hasLineCount(1);
    }

    @Test
    void defaultHome_isTheTierStateHome_whenItExists_evenBesideAGeuseMakerOne() throws IOException {
        Files.createDirectories(user.resolve(".geusemaker/deployments"));
        Files.createDirectories(user.resolve(".tierstate"));

        Run r = run("list");

        assertThat(r.err()).isEmpty();
        assertThat(r.out()).contains("No deployments.").contains("Looked in " + user.resolve(".tierstate"))
                .contains("--home DIR or TIERSTATE_HOME");
    }

    @Test
    void emptyList_namesTheHomeItLookedIn_andHowToPointElsewhere() throws IOException {
        Path empty = Files.createDirectories(user.resolve("empty"));

        Run r = run("--home", empty.toString(), "list");
        Run filtered = run("--home", home.toString(), "list", "--tier", "dev");

        assertThat(r.status()).isZero();
        assertThat(r.out()).contains("No deployments.").contains("Looked in " + empty).contains("--home DIR");
        assertThat(filtered.out()).contains("None matches the filters in " + home);
    }

    @Test
    void globalOptions_areAcceptedAfterTheCommandToo() throws IOException {
        Run list = run("list", "--home", home.toString(), "--json");
        Run cost = run("cost", "gpu-global", "--json", "--home", home.toString());
        Run plan = run("destroy", "gpu-global", "--dry-run", "--json", "--home", home.toString(), "--cloud", "simulated",
                "--region", "us-east-1");

        assertThat(list.json().path("deployments").get(0).path("name").asText()).isEqualTo("gpu-global");
        assertThat(cost.json().has("monthly_total")).isTrue();
        assertThat(plan.status()).as(plan.err()).isZero();
        assertThat(plan.json().path("deployment").asText()).isEqualTo("gpu-global");
        assertThat(plan.json().path("steps").size()).isPositive();
    }

    @Test
    void regionAfterList_isStillListsFilter() {
        assertThat(run("--home", home.toString(), "list", "--region", "eu-west-1").out()).contains("None matches the filters");
        assertThat(run("--home", home.toString(), "list", "--region", "us-east-1").out()).contains("gpu-global");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"abc", "1,5", "0x10"})
    void aNonNumber_namesTheFlag_notAJavaException(String value) {
        Run r = run("--home", home.toString(), "cost", "gpu-global", "--transfer-gb", value);

        assertThat(r.status()).isEqualTo(2);
        assertThat(r.err()).startsWith("tierstate: --transfer-gb: '" + value + "' is not a number")
                .doesNotContain("java.").doesNotContain("NumberFormatException").doesNotContain("BigDecimal").hasLineCount(1);
        assertThat(run("--home", home.toString(), "cost", "gpu-global", "--https-requests", "lots").err())
                .contains("--https-requests: 'lots' is not a whole number");
    }

    @Test
    void aNegativeUsage_namesTheFlag_notTheJavaField() {
        Run r = run("--home", home.toString(), "cost", "gpu-global", "--transfer-gb", "-5");

        assertThat(r.status()).isEqualTo(2);
        assertThat(r.err()).isEqualTo("tierstate: --transfer-gb is -5; it must be 0 or more\n");
        assertThat(run("--home", home.toString(), "cost", "gpu-global", "--efs-gb", "-1").err())
                .contains("--efs-gb is -1").doesNotContain("efsStorageGb");
    }

    @Test
    void copyToS3_withoutAnyRegion_isRefusedSayingHowToGiveOne() {
        Run r = run("--home", home.toString(), "copy", "--to", "s3://ops-bucket/tierstate");

        assertThat(r.status()).isEqualTo(2);
        assertThat(r.err()).contains("s3://ops-bucket/tierstate: no AWS region").contains("--region R").contains("AWS_REGION")
                .doesNotContain("DefaultAwsRegionProviderChain").doesNotContain("@").hasLineCount(1);
    }

    @Test
    void copyToS3_seesARegionInTheAwsConfigFile() throws IOException {
        Files.createDirectories(user.resolve(".aws"));
        Files.writeString(user.resolve(".aws/config"), "[default]\nregion = eu-west-1\n");

        assertThat(new CliEnvironment(env, user, () -> true).awsRegionConfigured()).isTrue();
        assertThat(new CliEnvironment(Map.of("AWS_REGION", "us-east-1"), home, () -> true).awsRegionConfigured()).isTrue();
        assertThat(new CliEnvironment(Map.of(), home, () -> true).awsRegionConfigured()).isFalse();
    }

    @Test
    void destroy_withoutATerminalOrYes_refusesInOneLine_andReadsNothing() throws IOException {
        terminal = false;

        Run r = run("--home", home.toString(), "--cloud", "simulated", "destroy", "gpu-global");
        Run json = run("--home", home.toString(), "--cloud", "simulated", "--json", "destroy", "gpu-global");

        assertThat(r.status()).isEqualTo(2);
        assertThat(r.err()).isEqualTo("tierstate: destroy asks for the stack name and stdin is not a terminal; pass --yes to"
                + " destroy 'gpu-global' without asking (or --dry-run to see the plan)\n");
        assertThat(r.out()).isEmpty();
        assertThat(stdinRead).isFalse();
        assertThat(json.json().path("type").asText()).isEqualTo("InvalidInputException");
        assertThat(json.json().path("exit").asInt()).isEqualTo(2);
        assertThat(home.resolve("deployments/gpu-global.json")).exists();
        assertThat(run("--home", home.toString(), "--cloud", "simulated", "destroy", "gpu-global", "--dry-run").status())
                .isZero();
    }

    @Test
    void withJson_anErrorIsAJsonObjectOnStdout_andOneLineOnStderr() throws IOException {
        Run missing = run("--home", home.toString(), "--json", "inspect", "nope");
        Run usage = run("--json", "lst");
        Run bad = run("--home", home.toString(), "cost", "gpu-global", "--json", "--transfer-gb", "-5");

        assertThat(missing.status()).isEqualTo(3);
        JsonNode m = missing.json();
        assertThat(m.path("type").asText()).isEqualTo("DeploymentNotFoundException");
        assertThat(m.path("message").asText()).contains("'nope' not found");
        assertThat(m.path("hint").asText()).isEqualTo("'tierstate list' shows the deployments in " + home);
        assertThat(m.path("exit").asInt()).isEqualTo(3);
        assertThat(missing.err()).hasLineCount(1).startsWith("tierstate: deployment 'nope' not found");
        assertThat(usage.json().path("type").asText()).isEqualTo("usage");
        assertThat(usage.json().path("hint").asText()).isEqualTo("see 'tierstate --help'");
        assertThat(usage.json().path("exit").asInt()).isEqualTo(2);
        assertThat(bad.json().path("message").asText()).isEqualTo("--transfer-gb is -5; it must be 0 or more");
        assertThat(bad.json().path("hint").asText()).isEqualTo("it must be 0 or more");
    }

    @Test
    void unknownPrice_isAnsweredWithThePricesFlag_notJavaCode() {
        Run r = run("--home", home.toString(), "cost", "--tier", "gpu", "--instance-type", "g9.huge");

        assertThat(r.status()).isEqualTo(2);
        assertThat(r.err()).contains("pass --prices FILE").contains("{\"ec2\": {\"instances\": {\"g9.huge\"")
                .doesNotContain("PriceCatalog").doesNotContain("BigDecimal");
    }

    @Test
    void corruptFile_isAnsweredWithTheBackupsAndRestoreCommands() throws IOException {
        Files.writeString(home.resolve("deployments/bad.json"), "{oops");

        Run r = run("--home", home.toString(), "inspect", "bad");

        assertThat(r.status()).isEqualTo(2);
        assertThat(r.err()).contains("'tierstate backups NAME', then 'tierstate restore NAME BACKUP'")
                .doesNotContain("DeploymentHandle");
    }

    @Test
    void cliWords_rewriteEveryKnownLibraryHint() {
        Map<String, String> cases = Map.of(
                "restore it from a backup (DeploymentHandle.backups()/restore(...)).",
                "restore it from a backup ('tierstate backups NAME', then 'tierstate restore NAME BACKUP').",
                "CloudFront needs the ALB as its origin; record it first, e.g. update(s -> s.withAlbArn(arn).withAlbDns(dns))",
                "CloudFront needs the ALB as its origin; record it first: add alb_arn and alb_dns to the deployment's state file",
                "it keeps deploying on its own: run refresh() later, or wait longer with withTimeout(...)",
                "it keeps deploying on its own: run 'tierstate refresh NAME' later to see when it is Deployed",
                "destroy treats it as gone, and refresh() updates the state",
                "destroy treats it as gone, and 'tierstate refresh NAME' updates the state",
                "forget the state with destroy().assumeGone() (tierstate destroy web --assume-gone)",
                "forget the state with 'tierstate destroy web --assume-gone'",
                "or destroy with --disable-protection (library: .disableProtection())", "or destroy with --disable-protection",
                "complete with      tierstate complete-pending   (Java: client.completePendingDestroys())",
                "complete with      tierstate complete-pending",
                "set AWS_REGION, pass --region R to the tierstate program, or call AwsCloud.builder().region(\"us-east-1\")",
                "set AWS_REGION, pass --region R to the tierstate program",
                "give a price file (PriceCatalog.load or overriddenBy) to price it exactly.",
                "give a price file (--prices FILE) to price it exactly.",
                "put a profile in ~/.aws/credentials and choose it with AWS_PROFILE, or pass AwsCloud.builder().credentialsProvider(...)",
                "put a profile in ~/.aws/credentials and choose it with AWS_PROFILE");
        cases.forEach((library, cli) -> assertThat(CliWords.translate(library)).isEqualTo(cli));
        assertThat(CliWords.translateJson("{\"m\": [\"x (library: .disableProtection())\"]}")).doesNotContain("library");
        assertThat(CliWords.translateJson("{\"m\": \"plain\"}")).isEqualTo("{\"m\": \"plain\"}");
    }

    @Test
    void everyCliTestsOutput_isCheckedForJavaHints_andTheCheckFires() {
        for (String leak : List.of("restore it (DeploymentHandle.backups()/restore(...))", "run refresh() later",
                "e.g. update(s -> s.withAlbArn(arn))", "(Java: client.completePendingDestroys())",
                "PriceCatalog.defaults().withInstancePrice(\"g5.xlarge\", p)", "or pass AwsCloud.builder().credentialsProvider(...)")) {
            assertThatThrownBy(() -> CliRun.checkedForJavaHints("tierstate: first line\n" + leak + "\n"))
                    .as(leak).isInstanceOf(AssertionError.class).hasMessageContaining(leak);
        }
        String cli = "run 'tierstate refresh NAME'; pass --prices FILE; tierstate restore NAME BACKUP (see docs/cost.md)\n";
        assertThat(CliRun.checkedForJavaHints(cli)).isSameAs(cli);
    }

    @Test
    void cliWords_passesOverTextWithoutARulesLiteral_butNeverMissesAMatch() {
        // the literal prefix ends at the first metacharacter; an escaped one is literal
        assertThat(CliWords.needle("\\(DeploymentHandle\\.backups\\(\\)")).isEqualTo("(DeploymentHandle.backups()");
        assertThat(CliWords.needle("and refresh\\(\\) updates")).isEqualTo("and refresh() updates");
        // a quantifier makes the character before it optional, so it is not part of the literal
        assertThat(CliWords.needle("abc?d")).isEqualTo("ab");
        assertThat(CliWords.needle("abc*d")).isEqualTo("ab");
        assertThat(CliWords.needle("abc+d")).isEqualTo("abc");
        // a class or group at the start leaves nothing to look for: the expression always runs
        assertThat(CliWords.needle("(?:with )?destroy")).isEmpty();
        assertThat(CliWords.needle("\\w+ x")).isEmpty();
        // a large text without any hint comes back as it was
        String table = "NAME  STATUS\n" + "stack-00001  running\n".repeat(10_000);
        assertThat(CliWords.translate(table)).isSameAs(table);
    }

    @Test
    void refresh_backups_restore_areCommands_withJson() throws IOException {
        Run refresh = run("--home", home.toString(), "--cloud", "simulated", "refresh", "gpu-global", "--json");
        run("--home", home.toString(), "migrate");
        Run backups = run("--home", home.toString(), "--json", "backups", "gpu-global");
        Run restore = run("--home", home.toString(), "--json", "restore", "gpu-global", "latest");
        Run missing = run("--home", home.toString(), "--cloud", "simulated", "refresh", "nope");

        assertThat(refresh.status()).as(refresh.err()).isZero();
        assertThat(refresh.json().path("cloudfront").path("status").asText()).isEqualTo("Deployed");
        assertThat(backups.json().isArray()).isTrue();
        assertThat(backups.json().get(0).path("location").asText()).isNotEmpty();
        assertThat(restore.status()).as(restore.err()).isZero();
        assertThat(restore.json().path("deployment").asText()).isEqualTo("gpu-global");
        assertThat(restore.json().path("restored_from").asText()).isEqualTo(backups.json().get(0).path("location").asText());
        assertThat(missing.status()).isEqualTo(3);
    }

    @Test
    void demo_withJson_isOneDocumentOfSteps() throws IOException {
        Run r = run("--json", "demo");

        assertThat(r.status()).as(r.err()).isZero();
        JsonNode doc = r.json();
        assertThat(doc.path("home").asText()).isNotEmpty();
        assertThat(doc.path("steps").size()).isGreaterThan(5);
        assertThat(doc.path("steps").get(0).path("title").asText()).isNotEmpty();
    }
}
