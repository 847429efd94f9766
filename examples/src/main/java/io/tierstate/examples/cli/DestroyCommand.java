package io.tierstate.examples.cli;

import io.tierstate.DeploymentHandle;
import io.tierstate.destroy.Destroy;
import io.tierstate.destroy.DestroyPlan;
import io.tierstate.destroy.DestroyReport;
import io.tierstate.destroy.Strategy;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code tierstate destroy NAME}: tear a deployment down in order, resumably. */
@Command(name = "destroy", description = "Delete everything the deployment created, in order, journaling each step (run it again to "
        + "resume after a crash or failure). Asks for the stack name unless --yes.")
final class DestroyCommand implements Callable<Integer> {

    @ParentCommand
    TierStateCli cli;

    @Parameters(paramLabel = "NAME", description = "The stack name.")
    String name;

    @Option(names = "--strategy", paramLabel = "sequential|overlapped", description = "The order of the steps.")
    String strategy = "sequential";

    @Option(names = "--preserve-efs", negatable = true, description = "Keep the EFS file system and its mount targets"
            + " (a resume keeps what the first run chose; --no-preserve-efs with --change-options deletes them after all).")
    Boolean preserveEfs;

    @Option(names = "--defer-cloudfront", description = "Return once the CloudFront disable is requested; finish later with"
            + " complete-pending.")
    Boolean deferCloudFront;

    @Option(names = "--disable-protection", description = "Turn off EC2 termination protection and ALB deletion protection"
            + " before deleting (without it a protected resource stops the destroy before anything is deleted).")
    Boolean disableProtection;

    @Option(names = "--assume-gone", description = "Forget a state none of whose resources exists (another account or"
            + " region, an old copy); without it destroy keeps such a state and says where it looked.")
    boolean assumeGone;

    @Option(names = "--change-options", description = "Let a resumed destroy change --preserve-efs, --defer-cloudfront or"
            + " --disable-protection from what its first run journaled.")
    boolean changeOptions;

    @Option(names = "--include-provenance", paramLabel = "VALUE", description = "Also delete resources whose provenance is"
            + " VALUE, one TierState does not know (it keeps them by default; the plan names them). Journaled like the others.")
    java.util.List<String> includeProvenance = new java.util.ArrayList<>();

    @Option(names = "--dry-run", description = "Print the plan, each resource described in the cloud when it can be"
            + " reached; change nothing.")
    boolean dryRun;

    @Option(names = "--yes", description = "Do not ask for confirmation.")
    boolean yes;

    @Option(names = "--timeline", paramLabel = "FILE.svg", description = "When the destroy ends (completed, failed or "
            + "timed out), draw its timeline into FILE.svg: a row per step, its phases, the critical path. After Ctrl-C, "
            + "'tierstate timeline NAME FILE.svg' draws it from the journal.")
    java.nio.file.Path timeline;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = cli.spec.commandLine().getOut();
        PrintWriter err = cli.spec.commandLine().getErr();
        Strategy chosen = switch (strategy.toLowerCase(Locale.ROOT)) {
            case "sequential" -> Strategy.SEQUENTIAL;
            case "overlapped" -> Strategy.OVERLAPPED;
            default -> throw new io.tierstate.error.InvalidInputException("--strategy must be sequential or overlapped, was '"
                    + strategy + "'");
        };
        if (timeline != null && dryRun) {
            throw new io.tierstate.error.InvalidInputException("--timeline draws a destroy that runs, and --dry-run runs none;"
                    + " drop --dry-run, or draw one already run with 'tierstate timeline " + name + " FILE.svg'");
        }
        java.nio.file.Path picture = timeline == null ? null : PictureFiles.check("--timeline", timeline, ".svg", "--timeline destroy.svg");
        if (!dryRun && !yes && !cli.stdinIsTerminal()) {
            // never read a confirmation from a pipe or a closed stdin: a script must say --yes
            throw new io.tierstate.error.InvalidInputException("destroy asks for the stack name and stdin is not a terminal;"
                    + " pass --yes to destroy '" + name + "' without asking (or --dry-run to see the plan)");
        }
        try (CliSession session = cli.cloudSession()) {
            DeploymentHandle d = session.client().deployment(name);
            Destroy destroy = d.destroy().strategy(chosen);
            if (preserveEfs != null) {
                destroy.preserveEfs(preserveEfs);
            }
            if (Boolean.TRUE.equals(deferCloudFront)) {
                destroy.deferCloudFrontDeletion();
            }
            if (Boolean.TRUE.equals(disableProtection)) {
                destroy.disableProtection();
            }
            if (assumeGone) {
                destroy.assumeGone();
            }
            if (changeOptions) {
                destroy.changeOptions();
            }
            includeProvenance.forEach(destroy::includeProvenance);
            if (dryRun) {
                DestroyPlan plan;
                try {
                    plan = destroy.planLive();
                } catch (io.tierstate.error.CloudOperationException unreachable) {
                    plan = destroy.plan();
                    err.println("tierstate: not checked against the cloud (" + TierStateCli.oneLine(unreachable.getMessage())
                            + "); the plan below is from the state alone");
                }
                cli.print(cli.json ? PlanJson.of(plan) : plan.render());
                return 0;
            }
            DestroyPlan plan = destroy.preflight(); // checks account and region, describes everything, stops on what blocks
            err.println("Target: " + plan.checkedIn().orElse(session.client().cloud().describe()));
            err.print(CliWords.translate(plan.render()));
            if (!yes) {
                err.print("Type the stack name to destroy it: ");
                err.flush();
                String typed = cli.readLine();
                if (typed == null) {
                    throw new io.tierstate.error.InvalidInputException("confirmation needed: type the stack name, or pass --yes in scripts");
                }
                if (!typed.trim().equals(name)) {
                    err.println("tierstate: '" + typed.trim() + "' is not '" + name + "'; nothing was destroyed");
                    return TierStateCli.BAD_INPUT;
                }
            }
            List<String> stepIds = plan.steps().stream().map(io.tierstate.destroy.DestroyStep::id).toList();
            ProgressView view = cli.stderrIsTerminal() ? ProgressView.terminal(err, stepIds) : ProgressView.log(err, stepIds);
            String message = interruptedMessage(resumeCommand(cli.locationOptions()))
                    + (picture == null ? "" : "Draw what it did so far with: " + timelineCommand(cli.locationOptions(), picture) + "\n");
            // Ctrl-C ends the JVM with 130; the hook says that the journal keeps what is done and how to go on
            Thread hook = new Thread(() -> {
                view.clear();
                err.print(message);
                err.flush();
            }, "tierstate-interrupted");
            Runtime.getRuntime().addShutdownHook(hook);
            DestroyReport report;
            try (ProgressView.Ticking ticking = view.startTicking(java.time.Duration.ofSeconds(1))) {
                report = destroy.onProgress(view).run();
            } finally {
                try {
                    Runtime.getRuntime().removeShutdownHook(hook);
                } catch (IllegalStateException shuttingDown) {
                    // the JVM is already exiting (the hook is running): nothing to remove
                }
            }
            view.clear();
            if (picture != null) {
                PictureFiles.write("--timeline", picture, report.toSvg());
                err.println("tierstate: wrote the destroy's timeline to " + picture);
            }
            cli.print(cli.json ? report.toJson() : report.render());
            return switch (report.outcome()) {
                case COMPLETED, PENDING_CLOUDFRONT -> 0;
                case FAILED, CANCELLED -> TierStateCli.FAILED;
            };
        }
    }

    /**
     * The command that resumes this destroy: the options that choose the state and the cloud, the
     * strategy and the provenances when not the defaults. The journal keeps --preserve-efs,
     * --defer-cloudfront and --disable-protection, so a resume needs none of them.
     *
     * @param locationOptions the global options, as {@link TierStateCli#locationOptions()} gives them
     * @return a line to paste into a shell
     */
    String resumeCommand(List<String> locationOptions) {
        List<String> words = new ArrayList<>(List.of("tierstate"));
        words.addAll(locationOptions);
        words.addAll(List.of("destroy", name));
        if (!strategy.equalsIgnoreCase("sequential")) {
            words.addAll(List.of("--strategy", strategy.toLowerCase(Locale.ROOT)));
        }
        if (assumeGone) {
            words.add("--assume-gone");
        }
        includeProvenance.forEach(p -> words.addAll(List.of("--include-provenance", p)));
        if (yes) {
            words.add("--yes");
        }
        return String.join(" ", words.stream().map(DestroyCommand::shellWord).toList());
    }

    /**
     * The command that draws this destroy from its journal, for a run that ends before it can draw
     * itself (Ctrl-C).
     *
     * @param locationOptions the global options, as {@link TierStateCli#locationOptions()} gives them
     * @param picture the file --timeline named
     * @return a line to paste into a shell
     */
    String timelineCommand(List<String> locationOptions, java.nio.file.Path picture) {
        List<String> words = new ArrayList<>(List.of("tierstate"));
        words.addAll(locationOptions);
        words.addAll(List.of("timeline", name, picture.toString()));
        return String.join(" ", words.stream().map(DestroyCommand::shellWord).toList());
    }

    /**
     * What Ctrl-C prints while a destroy runs.
     *
     * @param resume the command that resumes it
     * @return two lines
     */
    static String interruptedMessage(String resume) {
        return "\ntierstate: interrupted. The journal in the state keeps every finished step, and what was already"
                + " requested goes on in the cloud; nothing is lost.\n"
                + "Resume with: " + resume + "\n";
    }

    /** A word as a POSIX shell reads it back: quoted when it holds anything but safe characters. */
    static String shellWord(String w) {
        return w.matches("[A-Za-z0-9_./:=@%+,-]+") ? w : "'" + w.replace("'", "'\\''") + "'";
    }
}
