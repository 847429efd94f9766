package io.tierstate.examples.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The yardstick of the list benchmark: a plain Jackson program that reads every state file of a
 * home the way the file store does (list the directory, sort, read each file's bytes) and parses it
 * into a tree, printing each document's name. Nothing TierState-specific happens.
 *
 * <pre>
 * java -cp examples/target/tierstate.jar io.tierstate.examples.bench.RawParse HOME &gt; /dev/null
 * </pre>
 */
public final class RawParse {

    private RawParse() {}

    /**
     * Parses every {@code HOME/deployments/*.json} and prints the stack names.
     *
     * @param args the home directory
     * @throws IOException when a file cannot be read or parsed
     */
    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            System.err.println("usage: RawParse HOME");
            System.exit(2);
        }
        PrintWriter out = new PrintWriter(new BufferedWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8)));
        ObjectMapper mapper = new ObjectMapper();
        int n = 0;
        for (Path file : files(Path.of(args[0]).resolve("deployments"))) {
            JsonNode tree = mapper.readTree(Files.readAllBytes(file));
            out.println(tree.path("stack_name").asText());
            n++;
        }
        out.println(n + " documents");
        out.flush();
    }

    /**
     * The state files of a deployments directory, sorted by name, as the file store lists them.
     *
     * @param dir the directory
     * @return the {@code *.json} files
     * @throws IOException when the directory cannot be listed
     */
    static List<Path> files(Path dir) throws IOException {
        List<Path> files = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir, p -> {
            String f = p.getFileName().toString();
            return f.endsWith(".json") && !f.startsWith(".") && Files.isRegularFile(p);
        })) {
            entries.forEach(files::add);
        }
        files.sort(Comparator.comparing(p -> p.getFileName().toString()));
        return files;
    }
}
