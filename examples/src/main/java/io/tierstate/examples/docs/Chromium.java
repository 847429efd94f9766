package io.tierstate.examples.docs;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Headless Chromium, as Debian's {@code chromium} package installs it: screenshots of a page and
 * its DOM after its scripts ran. Every run has its own profile directory and a time limit.
 */
public final class Chromium {

    private static final long LIMIT_SECONDS = 120;

    private final Path binary;

    private Chromium(Path binary) {
        this.binary = binary;
    }

    /**
     * Finds Chromium: {@code $TIERSTATE_CHROMIUM}, else {@code chromium}, {@code chromium-browser} or
     * {@code google-chrome} on the {@code PATH}.
     *
     * @return it, when installed
     */
    public static Optional<Chromium> find() {
        String explicit = System.getenv("TIERSTATE_CHROMIUM");
        if (explicit != null && !explicit.isBlank()) {
            Path p = Path.of(explicit);
            return Files.isExecutable(p) ? Optional.of(new Chromium(p)) : Optional.empty();
        }
        String path = System.getenv().getOrDefault("PATH", "");
        for (String name : List.of("chromium", "chromium-browser", "google-chrome")) {
            for (String dir : path.split(java.io.File.pathSeparator)) {
                Path p = Path.of(dir.isEmpty() ? "." : dir, name);
                if (Files.isExecutable(p)) {
                    return Optional.of(new Chromium(p));
                }
            }
        }
        return Optional.empty();
    }

    /**
     * Renders a page or an SVG file and saves what shows in a window of the given size.
     *
     * @param page the file to open
     * @param width the window's width in pixels
     * @param height the window's height in pixels
     * @param png where to write the screenshot
     * @throws IOException when Chromium fails or takes longer than two minutes
     */
    public void screenshot(Path page, int width, int height, Path png) throws IOException {
        Files.deleteIfExists(png);
        run(List.of("--hide-scrollbars", "--window-size=" + width + "," + height, "--screenshot=" + png.toAbsolutePath(),
                page.toUri().toString()));
        if (!Files.isRegularFile(png)) {
            throw new IOException("Chromium wrote no screenshot of " + page);
        }
    }

    /**
     * Opens a page, lets its scripts run, and returns the DOM as it then is.
     *
     * @param page the file to open
     * @return the serialised DOM
     * @throws IOException when Chromium fails or takes longer than two minutes
     */
    public String dumpDom(Path page) throws IOException {
        return run(List.of("--virtual-time-budget=5000", "--dump-dom", page.toUri().toString()));
    }

    private String run(List<String> args) throws IOException {
        Path profile = Files.createTempDirectory("tierstate-chromium-");
        Path out = profile.resolve("stdout.txt");
        Path err = profile.resolve("stderr.txt");
        List<String> command = new ArrayList<>(List.of(binary.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--no-first-run", "--no-default-browser-check", "--disable-extensions", "--force-device-scale-factor=1",
                "--user-data-dir=" + profile.resolve("profile")));
        command.addAll(args);
        Process p = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        try {
            if (!p.waitFor(LIMIT_SECONDS, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException("Chromium did not finish within " + LIMIT_SECONDS + " s: " + String.join(" ", args));
            }
            String stdout = Files.readString(out, StandardCharsets.UTF_8);
            if (p.exitValue() != 0) {
                throw new IOException("Chromium exited " + p.exitValue() + ": " + tail(Files.readString(err, StandardCharsets.UTF_8)));
            }
            return stdout;
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while Chromium ran", e);
        } finally {
            TempTrees.deleteQuietly(profile);
        }
    }

    private static String tail(String text) {
        return text.length() > 2000 ? text.substring(text.length() - 2000) : text;
    }


    @Override
    public String toString() {
        return "Chromium at " + binary;
    }
}
