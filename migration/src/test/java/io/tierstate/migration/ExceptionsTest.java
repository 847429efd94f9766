package io.tierstate.migration;

import static io.tierstate.migration.TestJson.node;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tierstate.error.TierStateException;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

class ExceptionsTest {

    @Test
    void everyMigrationException_extendsTheTierStateRoot() {
        for (Class<?> type : List.of(InvalidStateDocumentException.class, ConflictingFieldsException.class,
                UnsupportedSchemaVersionException.class, MigrationChainException.class)) {
            assertThat(TierStateException.class).as(type.getSimpleName()).isAssignableFrom(type);
            assertThat(RuntimeException.class).isAssignableFrom(type);
        }
        assertThat(InvalidStateDocumentException.class).isAssignableFrom(ConflictingFieldsException.class);
    }

    @Test
    void invalidStateDocument_withCause_keepsItAndHasNoSource() {
        IOException cause = new IOException("disk");
        InvalidStateDocumentException e = new InvalidStateDocumentException("cannot read; retry", cause);

        assertThat(e).hasMessage("cannot read; retry").hasCause(cause);
        assertThat(e.source()).isEmpty();
        assertThat(e.detail()).isEqualTo("cannot read; retry");
    }

    @Test
    void invalidStateDocument_withSource_prefixesTheMessageOnceAndKeepsTheCause() {
        IOException cause = new IOException("disk");
        InvalidStateDocumentException original = new InvalidStateDocumentException("bad; fix it", cause);

        InvalidStateDocumentException sourced = original.withSource("a.json");

        assertThat(sourced).hasMessage("a.json: bad; fix it").hasCause(cause);
        assertThat(sourced.getStackTrace()).isEqualTo(original.getStackTrace());
        assertThat(sourced.withSource("b.json")).isSameAs(sourced);
        assertThat(original.withSource(null)).isSameAs(original);
    }

    @Test
    void invalidStateDocument_subclassFromElsewhere_isNotReattributed() {
        InvalidStateDocumentException custom = new InvalidStateDocumentException("custom; fix it") { };

        assertThat(custom.withSource("a.json")).isSameAs(custom);
    }

    @Test
    void conflictingFields_gettersReturnCopiesOfTheValues() {
        ObjectNode oldValue = TestJson.object("{'id': 'E1'}");
        ConflictingFieldsException e = new ConflictingFieldsException("old", oldValue, "new", node("'E2'"));
        oldValue.put("id", "changed");

        assertThat(e.oldValue()).isEqualTo(TestJson.object("{'id': 'E1'}"));
        ((ObjectNode) e.oldValue()).put("id", "mutated");
        assertThat(e.oldValue()).isEqualTo(TestJson.object("{'id': 'E1'}"));
        assertThat(e.newValue()).isEqualTo(node("'E2'"));
        assertThat(e).hasMessageStartingWith("conflicting fields: old is {\"id\":\"E1\"} but new is \"E2\"");
    }

    @Test
    void conflictingFields_withSource_keepsTypeValuesAndTrace() {
        ConflictingFieldsException e = new ConflictingFieldsException("cloudfront_id", node("'A'"),
                "cloudfront_distribution_id", node("'B'"));

        ConflictingFieldsException sourced = e.withSource("s.json");

        assertThat(sourced).hasMessage("s.json: " + e.getMessage());
        assertThat(sourced.newKey()).isEqualTo("cloudfront_distribution_id");
        assertThat(sourced.getStackTrace()).isEqualTo(e.getStackTrace());
        assertThat(sourced.withSource("t.json")).isSameAs(sourced);
        assertThat(e.withSource(null)).isSameAs(e);
    }

    @Test
    void unsupportedSchemaVersion_withoutSource_explainsWhatToDo() {
        UnsupportedSchemaVersionException e = new UnsupportedSchemaVersionException(null, 7, 3);

        assertThat(e).hasMessage("state document has schema_version 7; this library reads up to 3; upgrade TierState"
                + " to a release that reads v7 or restore an older backup of the file");
        assertThat(e.foundVersion()).isEqualTo(7);
        assertThat(e.supportedVersion()).isEqualTo(3);
    }

    @Test
    void migrationChain_singleMessage_isItsOnlyProblem() {
        MigrationChainException e = new MigrationChainException("step x is broken; fix x");

        assertThat(e).hasMessage("step x is broken; fix x");
        assertThat(e.problems()).containsExactly("step x is broken; fix x");
    }
}
