package io.tierstate.examples.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The pictures committed in docs/pictures are what the program makes today. */
class DocPicturesTest {

    static final Path DIR = Path.of("..", "docs", "pictures");
    static final String REGENERATE = "regenerate them: mvn -B -q -DskipTests package && java -cp examples/target/tierstate.jar "
            + "io.tierstate.examples.docs.DocPictures docs/pictures --screenshots";

    @Test
    void theCommittedSvgs_areByteForByteWhatTheProgramMakesToday() throws Exception {
        Map<String, String> made = DocPictures.make();

        for (String name : new String[] {DocPictures.TIMELINE, DocPictures.COST}) {
            Path committed = DIR.resolve(name);
            assertThat(committed).as("docs/pictures/%s is missing; %s", name, REGENERATE).isRegularFile();
            assertThat(Files.readString(committed, StandardCharsets.UTF_8))
                    .as("docs/pictures/%s is not what the program makes today; %s", name, REGENERATE)
                    .isEqualTo(made.get(name));
        }
    }

    @Test
    void makingThePicturesTwice_givesTheSameBytes_andTheReportHoldsBoth() throws Exception {
        Map<String, String> a = DocPictures.make();
        Map<String, String> b = DocPictures.make();

        assertThat(a.get(DocPictures.TIMELINE)).isEqualTo(b.get(DocPictures.TIMELINE));
        assertThat(a.get(DocPictures.COST)).isEqualTo(b.get(DocPictures.COST));
        assertThat(a.get(DocPictures.TIMELINE)).contains("Destroy of &#39;edge-gpu&#39;: sequential, completed in ")
                .contains("Destroy of &#39;edge-gpu&#39;: overlapped, completed in ");
        String report = a.get(DocPictures.REPORT);
        assertThat(report).startsWith("<!DOCTYPE html>").contains("archived state (destroyed)");
        assertThat(report.split("<svg ", -1)).as("the cost and the last destroy").hasSize(3);
    }

    @Test
    void everyPicture_hasItsScreenshotBeside_itInTheDocs() {
        for (String name : new String[] {DocPictures.TIMELINE, DocPictures.COST, DocPictures.REPORT}) {
            Path png = DIR.resolve(name.replaceFirst("\\.(svg|html)$", ".png"));
            assertThat(png).as("%s; %s", png, REGENERATE).isRegularFile();
        }
        assertThat(DocPictures.size("<?xml version=\"1.0\"?>\n<svg xmlns=\"x\" width=\"960\" height=\"420.5\"")).containsExactly(960, 421);
        assertThat(DocPictures.size("<!DOCTYPE html>")).containsExactly(1040, 2300);
    }
}
