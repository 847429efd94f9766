package io.tierstate.examples.cli;

import io.tierstate.error.CorruptStateException;
import io.tierstate.DeploymentClient;
import io.tierstate.error.DeploymentNotFoundException;
import io.tierstate.error.InvalidInputException;
import io.tierstate.port.StateStore;
import io.tierstate.store.FileStateStore;
import io.tierstate.store.StateStoreUris;
import io.tierstate.error.Redaction;
import java.util.ArrayList;
import java.util.List;
import io.tierstate.port.CloudSettings;
import io.tierstate.sim.SimulatedCloud;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/**
 * The {@code tierstate} program: a thin command line over {@link DeploymentClient}, for people and
 * scripts. Exit status: 0 done, 1 the operation failed, 2 bad usage or bad input, 3 deployment not
 * found.
 *
 * <pre>
 * bin/tierstate demo
 * bin/tierstate --home ~/.geusemaker list --tier gpu
 * </pre>
 */
@Command(name = "tierstate",
        mixinStandardHelpOptions = true,
        version = "tierstate 0.1.0",
        description = "Keeps the state of tiered AWS deployments (EC2/GPU, EFS, ALB, CloudFront) and drives their lifecycle.",
        footer = {"", "Exit status:", "  0 done", "  1 the operation failed", "  2 bad usage or bad input",
            "  3 deployment not found"})
public final class TierStateCli implements Runnable {

    /** Every command, in the order help lists them ({@link #commandLine} adds them). */
    static final List<Class<?>> COMMANDS = List.of(DemoCommand.class, ListCommand.class, InspectCommand.class,
            CostCommand.class, MigrateCommand.class, RecordCloudFrontCommand.class, RecordGpuCommand.class,
            ProvisionCloudFrontCommand.class, DestroyCommand.class, CompletePendingCommand.class, VerifyCommand.class,
            CopyCommand.class, ExportCommand.class, BackupsCommand.class, RestoreCommand.class, RefreshCommand.class,
            TimelineCommand.class, ReportCommand.class, CommandLine.HelpCommand.class);

    /** The root's options that take a value, so the command name is not mistaken for one. */
    private static final java.util.Set<String> VALUED = java.util.Set.of("--home", "--cloud", "--endpoint", "--region",
            "--store", "--geusemaker-compat", "--sim-speed");

    /** Exit status: the operation failed. */
    public static final int FAILED = 1;
    /** Exit status: bad usage or bad input. */
    public static final int BAD_INPUT = 2;
    /** Exit status: the deployment does not exist. */
    public static final int NOT_FOUND = 3;

    @Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--home", paramLabel = "DIR", scope = ScopeType.INHERIT,
            description = "State home (default: $TIERSTATE_HOME, else ~/.tierstate when it exists, else ~/.geusemaker when"
                + " it exists, else ~/.tierstate). A GeuseMaker home (~/.geusemaker) works as is.")
    Path home;

    @Option(names = "--json", scope = ScopeType.INHERIT, description = "Print the result as JSON on stdout.")
    boolean json;

    @Option(names = "--cloud", paramLabel = "simulated|aws", scope = ScopeType.INHERIT,
            description = "The cloud for commands that reach one; aws is your real AWS account.")
    String cloud = "aws";

    @Option(names = "--endpoint", paramLabel = "URL", scope = ScopeType.INHERIT,
            description = "An AWS-compatible endpoint to use instead of AWS's own.")
    URI endpoint;

    // not inherited: after 'list', --region is list's filter, after 'cost' the region to price in; every other
    // command gets its own --region (see run)
    @Option(names = "--region", paramLabel = "R", description = "The AWS region (default: the AWS SDK's: AWS_REGION, the profile ...).")
    String region;

    @Option(names = "--store", paramLabel = "URI", scope = ScopeType.INHERIT,
            description = "Where state lives instead of --home: a directory, file:/path, s3://BUCKET/PREFIX,"
                + " postgresql://USER@HOST:PORT/DB or jdbc:postgresql://HOST:PORT/DB?user=U.")
    String store;

    @Option(names = "--geusemaker-compat", paramLabel = "auto|on|off", scope = ScopeType.INHERIT,
            description = "Write so that GeuseMaker keeps working in a shared home: its schema v2 with the v3 fields beside,"
                + " its lock around every write, TierState's backups under tierstate/ (auto: on for a GeuseMaker home).")
    io.tierstate.store.GeuseMakerCompat geusemakerCompat = io.tierstate.store.GeuseMakerCompat.AUTO;

    @Option(names = "--sim-speed", paramLabel = "X", scope = ScopeType.INHERIT,
            description = "Simulated seconds per real second for the simulated cloud (default: no real waiting).")
    Double simSpeed;

    /**
     * Runs the program and exits with its status.
     *
     * @param args the command line
     */
    public static void main(String[] args) {
        System.exit(runMain(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /**
     * Runs the program without exiting, for tests and embedding.
     *
     * @param args the command line
     * @param out standard output
     * @param err standard error
     * @return the exit status
     */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        return run(args, new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)), out, err);
    }

    /**
     * Runs the program without exiting, reading confirmations from {@code in} as if it were a terminal.
     *
     * @param args the command line
     * @param in standard input
     * @param out standard output
     * @param err standard error
     * @return the exit status
     */
    public static int run(String[] args, BufferedReader in, PrintWriter out, PrintWriter err) {
        CliEnvironment system = CliEnvironment.system();
        return run(args, in, out, err, new CliEnvironment(system.variables(), system.userHome(), () -> true));
    }

    /** Runs the program with the process's own standard input, told apart as a terminal or not. */
    private static int runMain(String[] args, PrintWriter out, PrintWriter err) {
        return run(args, new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)), out, err,
                CliEnvironment.system());
    }

    /**
     * Runs the program in a given environment (variables, user home, terminal or not).
     *
     * @return the exit status
     */
    static int run(String[] args, BufferedReader in, PrintWriter out, PrintWriter err, CliEnvironment environment) {
        JulToSlf4j.install();
        TierStateCli cli = new TierStateCli();
        cli.in = in;
        cli.environment = environment;
        cli.args = args;
        CommandLine cl = commandLine(cli, args);
        cl.setOut(out);
        cl.setErr(err);
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        CliSyntax.configure(cl);
        cl.setParameterExceptionHandler((e, a) -> cli.onUsageError(e));
        cl.setExecutionExceptionHandler((e, line, parsed) -> cli.onFailure(e, line));
        int status;
        try {
            status = cl.execute(args);
        } finally {
            cli.closeOpenedStores();
        }
        out.flush();
        err.flush();
        return status;
    }

    /**
     * The program's command line. When the arguments name a command, it holds that command alone:
     * building the specs of the other commands (their classes, annotations and converters) is about
     * a tenth of a short command's start-up. Help, an unknown or a missing command get them all, so
     * help lists every command and a typo finds its nearest.
     *
     * @param cli the root command
     * @param args the arguments as typed
     * @return the command line to execute them with
     */
    static CommandLine commandLine(TierStateCli cli, String[] args) {
        CommandLine cl = new CommandLine(cli);
        Optional<Class<?>> only = namedCommand(args);
        for (Class<?> c : only.map(List::<Class<?>>of).orElse(COMMANDS)) {
            cl.addSubcommand(c);
        }
        return cl;
    }

    /** The command the arguments name: their first word that is not an option or an option's value. */
    static Optional<Class<?>> namedCommand(String[] args) {
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (a.equals("--")) {
                return Optional.empty();
            }
            if (a.startsWith("-")) {
                if (VALUED.contains(a)) {
                    i++;
                }
                continue;
            }
            for (Class<?> c : COMMANDS) {
                Command command = c.getAnnotation(Command.class);
                if (c != CommandLine.HelpCommand.class && command != null && command.name().equals(a)) {
                    return Optional.of(c);
                }
            }
            return Optional.empty();
        }
        return Optional.empty();
    }

    private BufferedReader in;
    private CliEnvironment environment;
    private String[] args;
    private Path defaultHome;

    /** @return whether a person can answer a question on standard input */
    boolean stdinIsTerminal() {
        return environment.stdinIsTerminal().getAsBoolean();
    }

    /** @return whether progress on stderr can be redrawn in place (a terminal) */
    boolean stderrIsTerminal() {
        return environment.stderrIsTerminal().getAsBoolean();
    }

    /**
     * The global options a command run again must repeat to reach the same state and cloud, as
     * command-line words: --home, --store, --cloud, --region, --endpoint, --geusemaker-compat.
     *
     * @return e.g. {@code ["--home", "/h", "--cloud", "simulated"]}
     */
    List<String> locationOptions() {
        List<String> o = new ArrayList<>();
        if (home != null) {
            o.addAll(List.of("--home", home.toString()));
        }
        if (store != null) {
            o.addAll(List.of("--store", Redaction.mask(store)));
        }
        if (!cloud.equalsIgnoreCase("aws")) {
            o.addAll(List.of("--cloud", cloud.toLowerCase(Locale.ROOT)));
        }
        if (region() != null) {
            o.addAll(List.of("--region", region()));
        }
        if (endpoint != null) {
            o.addAll(List.of("--endpoint", endpoint.toString()));
        }
        if (geusemakerCompat != io.tierstate.store.GeuseMakerCompat.AUTO) {
            o.addAll(List.of("--geusemaker-compat", geusemakerCompat.name().toLowerCase(Locale.ROOT)));
        }
        return o;
    }

    /** Commands whose own --region means something else than the AWS region: list's filter, cost's pricing region. */
    private static final java.util.Set<String> COMMAND_REGIONS = java.util.Set.of("list", "cost");

    /** @return the AWS region: --region after the command, else before it, else null (the SDK's chain) */
    String region() {
        CommandLine.ParseResult sub = spec.commandLine().getParseResult().subcommand();
        if (sub != null && !COMMAND_REGIONS.contains(sub.commandSpec().name()) && sub.hasMatchedOption("--region")) {
            return sub.matchedOptionValue("--region", region);
        }
        return region;
    }

    /** @return the next line of standard input, or null at its end */
    String readLine() throws java.io.IOException {
        return in.readLine();
    }

    /** The simulated world's file in the home, so separate commands see one world. */
    static final String SIM_FILE = "sim-cloud.json";

    /**
     * Opens a client with a cloud, as --cloud says: the simulated cloud kept in the home
     * ({@value #SIM_FILE}, every deployment it has not seen taken to have what its state records),
     * or the AWS provider found on the class path.
     */
    CliSession cloudSession() {
        return cloudSession(null, null);
    }

    /** {@link #cloudSession()} with a price catalog and a clock when they are given (null: the defaults). */
    CliSession cloudSession(io.tierstate.cost.PriceCatalog catalog, java.time.Clock clock) {
        validateGlobalOptions();
        Path homeDir = chosenHome();
        DeploymentClient.Builder b = DeploymentClient.builder();
        if (catalog != null) {
            b.priceCatalog(catalog);
        }
        if (clock != null) {
            b.clock(clock);
        }
        applyStore(b, homeDir);
        if (cloud.equalsIgnoreCase("simulated")) {
            Path worldFile = homeDir.toAbsolutePath().resolve(SIM_FILE);
            SimulatedCloud.Builder sb = SimulatedCloud.builder().persistTo(worldFile);
            if (simSpeed != null) {
                sb.speed(simSpeed);
            }
            SimulatedCloud sim = sb.build();
            DeploymentClient client = b.cloud(sim).build();
            // the rule of SimulatedCloud.adopt, as in Java: a recorded resource the world has never had exists,
            // and a new world lives in the account the first recorded ARNs name
            List<io.tierstate.model.DeploymentState> states = new ArrayList<>(client.deployments().states());
            states.sort(java.util.Comparator.comparing(s -> io.tierstate.destroy.DeploymentTarget.recordedAccount(s).isEmpty()));
            states.forEach(sim::adopt);
            return new CliSession(client, sim::close);
        }
        b.cloudProvider("aws").cloudSettings(new CloudSettings(Optional.ofNullable(region()), Optional.ofNullable(endpoint)));
        return new CliSession(b.build(), () -> { });
    }

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "no command given; try 'tierstate demo' or 'tierstate --help'");
    }

    /** Opens the client the global options describe. */
    DeploymentClient client() {
        return client(null);
    }

    /** Opens the client the global options describe, with a price catalog when one is given. */
    DeploymentClient client(io.tierstate.cost.PriceCatalog catalog) {
        return client(catalog, null);
    }

    /** Opens the client with a price catalog and a clock when they are given (null: the defaults). */
    DeploymentClient client(io.tierstate.cost.PriceCatalog catalog, java.time.Clock clock) {
        validateGlobalOptions();
        DeploymentClient.Builder b = DeploymentClient.builder();
        if (clock != null) {
            b.clock(clock);
        }
        if (catalog != null) {
            b.priceCatalog(catalog);
        }
        applyStore(b, chosenHome());
        return b.build();
    }

    /** Points the builder at --store (a directory, file:, postgresql://, s3:// ...) or the home. */
    private void applyStore(DeploymentClient.Builder b, Path homeDir) {
        b.geusemakerCompat(geusemakerCompat);
        if (store != null && isRemote(store)) {
            b.stateStore(open(store));
        } else if (homeDir != null) {
            b.home(homeDir);
        }
    }

    /**
     * Opens a store URI for this command; it is closed when the command ends.
     *
     * @param uri a directory, file:/path, postgresql://..., jdbc:postgresql://... or s3://bucket/prefix
     * @return the store
     */
    StateStore open(String uri) {
        StateStore opened = isRemote(uri) ? StateStoreUris.open(withS3Region(uri))
                : FileStateStore.builder().home(storePath(uri)).geusemakerCompat(geusemakerCompat).build();
        openedStores.add(opened);
        return opened;
    }

    /**
     * An {@code s3://} URI with the region the command line gives ({@code --region}) when it names
     * none, refused at once when no region is known anywhere: the SDK's own failure names its
     * provider chain object instead of the fix.
     */
    private String withS3Region(String uri) {
        if (!uri.regionMatches(true, 0, "s3://", 0, 5) || uri.matches("(?i).*[?&]region=.*")) {
            return uri;
        }
        String r = region();
        if (r != null) {
            return uri + (uri.contains("?") ? "&" : "?") + "region=" + r;
        }
        if (!environment.awsRegionConfigured()) {
            throw new InvalidInputException(Redaction.mask(uri) + ": no AWS region for the S3 store: pass --region R"
                    + " (e.g. --region eu-west-1), add ?region=R to the URI, or set AWS_REGION");
        }
        return uri;
    }

    private final List<StateStore> openedStores = new ArrayList<>();

    private void closeOpenedStores() {
        for (StateStore s : openedStores) {
            try {
                s.close();
            } catch (RuntimeException e) {
                // closing is best effort at exit; the command's own outcome is what matters
            }
        }
        openedStores.clear();
    }

    private static boolean isRemote(String uri) {
        return uri.matches("^[a-zA-Z][a-zA-Z0-9+.-]*:.*") && !uri.startsWith("file:") && !uri.matches("^[a-zA-Z]:\\\\.*");
    }

    private void validateGlobalOptions() {
        String c = cloud.toLowerCase(Locale.ROOT);
        if (!c.equals("aws") && !c.equals("simulated")) {
            throw new ParameterException(spec.commandLine(), "--cloud must be 'simulated' or 'aws', was '" + cloud + "'");
        }
        if (simSpeed != null && !(simSpeed > 0)) {
            throw new ParameterException(spec.commandLine(), "--sim-speed must be a positive number, was " + simSpeed);
        }
        if (store != null && home != null && !isRemote(store)) {
            throw new ParameterException(spec.commandLine(), "--home and --store both name a directory; use one");
        }
    }

    /** A local store URI as a directory: {@code ~} is the user's home, as in the core's store URIs. */
    private static Path storePath(String uri) {
        return StateStoreUris.localPath(uri).orElseThrow(() -> new InvalidInputException(
                "'" + Redaction.mask(uri) + "' is not a local directory"));
    }

    /**
     * The home the command works on: --home (with {@code ~} expanded) or a local --store, checked
     * to be an existing directory when given, so a typo is not mistaken for a home without
     * deployments. The default home may be missing: it is created by the first write.
     */
    private Path chosenHome() {
        Path dir = store != null && !isRemote(store) ? storePath(store)
                : home != null ? storePath(home.toString()) : null;
        if (dir == null) {
            return defaultHome();
        }
        String option = home != null ? "--home" : "--store";
        if (Files.isRegularFile(dir)) {
            throw new ParameterException(spec.commandLine(), option + " " + dir + " is a file, not a directory:"
                    + " give the home directory (the one that holds deployments/), e.g. ~/.geusemaker");
        }
        if (!Files.exists(dir)) {
            throw new ParameterException(spec.commandLine(), option + " " + dir + " does not exist: give an existing"
                    + " home directory (the one that holds deployments/), e.g. ~/.geusemaker");
        }
        if (!Files.isDirectory(dir)) {
            throw new ParameterException(spec.commandLine(), option + " " + dir + " is not a directory");
        }
        return dir;
    }

    /**
     * The home when neither --home nor a local --store names one: {@code $TIERSTATE_HOME}, else
     * {@code ~/.tierstate} when it exists, else {@code ~/.geusemaker} when it exists (said once on
     * stderr, since TierState then works in GeuseMaker's files), else {@code ~/.tierstate}, created by
     * the first write.
     *
     * @return the home
     */
    Path defaultHome() {
        if (defaultHome == null) {
            Path own = environment.userHome().resolve(".tierstate");
            Path geuseMaker = environment.userHome().resolve(".geusemaker");
            defaultHome = environment.variable(CliEnvironment.HOME_VARIABLE).map(environment::expand).orElse(null);
            if (defaultHome == null && !Files.isDirectory(own) && Files.isDirectory(geuseMaker)) {
                defaultHome = geuseMaker;
                spec.commandLine().getErr().println("tierstate: using the GeuseMaker home " + geuseMaker + " (there is no "
                        + own + "); --home DIR or TIERSTATE_HOME chooses another");
            }
            if (defaultHome == null) {
                defaultHome = own;
            }
        }
        return defaultHome;
    }

    /**
     * Prints a command's result on stdout, the library's Java hints in it put into CLI words.
     *
     * @param text a rendered report or a JSON document (as --json asks)
     */
    void print(String text) {
        spec.commandLine().getOut().print(json ? CliWords.translateJson(text) : CliWords.translate(text));
    }

    /** @return the home the command works in, for messages: the one chosen, or the default */
    String homeForMessages() {
        if (store != null && isRemote(store)) {
            return Redaction.mask(store);
        }
        return String.valueOf(chosenHome());
    }

    private boolean jsonWanted() {
        return json || java.util.Arrays.asList(args).contains("--json");
    }

    private int onUsageError(ParameterException e) {
        String message = CliSyntax.explain(e);
        String command = CliSyntax.commandName(e.getCommandLine());
        String hint = "see 'tierstate " + (command.isEmpty() ? "" : command + " ") + "--help'";
        report(e.getCommandLine(), "usage", message, hint, BAD_INPUT);
        return BAD_INPUT;
    }

    private int onFailure(Exception e, CommandLine line) {
        String message = CliWords.translate(oneLine(Redaction.mask(e.getMessage() != null ? e.getMessage() : e.toString())));
        int status = exitStatus(e);
        String hint = status == NOT_FOUND ? "'tierstate list' shows the deployments in " + safeHome()
                : e instanceof ParameterException ? "see 'tierstate " + CliSyntax.commandName(line) + " --help'"
                : hintOf(message);
        report(line, e instanceof ParameterException ? "usage" : e.getClass().getSimpleName(), message, hint, status);
        return status;
    }

    private String safeHome() {
        try {
            return homeForMessages();
        } catch (RuntimeException e) {
            return "the home";
        }
    }

    /** The "what to do" part of a library message: what follows its last "; ", when there is one. */
    static String hintOf(String message) {
        int i = message.lastIndexOf("; ");
        return i > 0 && i + 2 < message.length() ? message.substring(i + 2) : "";
    }

    /** One line on stderr; with --json also {type, message, hint, exit} on stdout. */
    private void report(CommandLine line, String type, String message, String hint, int status) {
        PrintWriter err = line.getErr();
        boolean addHint = !hint.isEmpty() && !message.contains(hint);
        err.println("tierstate: " + message + (addHint && type.equals("usage") ? " (" + hint + ")" : ""));
        if (jsonWanted()) {
            com.fasterxml.jackson.databind.node.ObjectNode o = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance
                    .objectNode().put("type", type).put("message", message).put("hint", hint).put("exit", status);
            line.getOut().print(io.tierstate.StateJson.write(o));
            line.getOut().flush();
        }
    }

    /**
     * Maps an exception to the exit status SPEC §9 gives it, by its place in the error hierarchy.
     *
     * @param e the failure
     * @return 3 when the deployment does not exist, 2 when the input (an argument, an option, a
     *     document, a stored file) cannot be used as it is, 1 for anything else
     */
    static int exitStatus(Throwable e) {
        if (e instanceof DeploymentNotFoundException) {
            return NOT_FOUND;
        }
        if (e instanceof InvalidInputException || e instanceof CorruptStateException) {
            return BAD_INPUT;
        }
        return FAILED;
    }

    static String oneLine(String message) {
        return message.replaceAll("\\s*\\R\\s*", " ").trim();
    }
}
