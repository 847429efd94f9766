package io.tierstate.migration;

import static io.tierstate.migration.TestJson.node;
import static io.tierstate.migration.TestJson.object;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.MissingNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class SchemaVersionTest {

    @Test
    void current_isThree() {
        assertThat(SchemaVersion.CURRENT).isEqualTo(3);
    }

    @Test
    void read_absentField_isVersionOne() {
        assertThat(SchemaVersion.read(object("{'stack_name': 'a'}"))).isEqualTo(1);
    }

    @Test
    void read_explicitNull_countsAsAbsent() {
        assertThat(SchemaVersion.read(object("{'schema_version': null}"))).isEqualTo(1);
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 4, 17})
    void read_integerNode_isThatVersion(int version) {
        assertThat(SchemaVersion.read(object("{'schema_version': " + version + "}"))).isEqualTo(version);
    }

    @Test
    void read_longNode_isThatVersion() {
        assertThat(SchemaVersion.read(JsonNodeFactory.instance.objectNode().put("schema_version", 2L))).isEqualTo(2);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "'2'        | 2",
        "' 2 '      | 2",
        "'3\\n'     | 3",
        "'\\t1'     | 1",
        "'02'       | 2"})
    void read_stringHoldingAnInteger_isThatVersion(String json, int expected) {
        assertThat(SchemaVersion.read(object("{'schema_version': " + json + "}"))).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"2.5", "2.0", "'two'", "true", "false", "{'v': 2}", "[2]", "-1", "0", "'0'", "'-2'",
        "'+2'", "'2.5'", "''", "'  '", "99999999999", "'99999999999'", "1e0"})
    void read_invalidValue_throwsNamingTheValue(String json) {
        String shown = node(json).toString();

        assertThatThrownBy(() -> SchemaVersion.read(object("{'schema_version': " + json + "}")))
                .isInstanceOf(InvalidStateDocumentException.class)
                .hasMessageContaining("schema_version " + shown)
                .hasMessageContaining("is not a positive whole number")
                .hasMessageContaining("restore the file from a backup");
    }

    @ParameterizedTest
    @ValueSource(strings = {"[]", "'text'", "42", "null"})
    void read_documentNotAnObject_throwsNamingItsType(String json) {
        assertThatThrownBy(() -> SchemaVersion.read(node(json)))
                .isInstanceOf(InvalidStateDocumentException.class)
                .hasMessageContaining("must be a JSON object but this one is");
    }

    @Test
    void read_javaNullDocument_throwsInvalidDocument() {
        assertThatThrownBy(() -> SchemaVersion.read(null))
                .isInstanceOf(InvalidStateDocumentException.class)
                .hasMessageContaining("this one is absent");
    }

    @Test
    void read_withSource_startsTheMessageWithIt() {
        assertThatThrownBy(() -> SchemaVersion.read(object("{'schema_version': 'two'}"), "old.json"))
                .isInstanceOf(InvalidStateDocumentException.class)
                .hasMessageStartingWith("old.json: schema_version \"two\"")
                .satisfies(e -> assertThat(((InvalidStateDocumentException) e).source()).contains("old.json"));
    }

    @Test
    void parse_absentOrMissingValue_isVersionOne() {
        assertThat(SchemaVersion.parse(null)).isEqualTo(1);
        assertThat(SchemaVersion.parse(MissingNode.getInstance())).isEqualTo(1);
        assertThat(SchemaVersion.parse(node("' 3 '"))).isEqualTo(3);
    }

    @Test
    void parse_invalidValue_throwsNamingIt() {
        assertThatThrownBy(() -> SchemaVersion.parse(node("2.5")))
                .isInstanceOf(InvalidStateDocumentException.class)
                .hasMessageStartingWith("schema_version 2.5 (a number) is not a positive whole number");
    }
}
