package io.cairn.agent.dl4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvTableTest {

    @Test
    void readsAHeaderAndQuotedFieldsAndSkipsBlankLines(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("t.csv");
        Files.writeString(file, "a, \"b, c\"\n\n1,\"say \"\"hi\"\"\"\n2,x\n");
        CsvTable table = CsvTable.read(file);
        assertThat(table.header()).containsExactly("a", "b, c");
        assertThat(table.rows()).containsExactly(List.of("1", "say \"hi\""), List.of("2", "x"));
    }

    @Test
    void raggedRowsAndEmptyFilesAreRefused(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("t.csv");
        Files.writeString(file, "a,b\n1\n");
        assertThatThrownBy(() -> CsvTable.read(file)).hasMessage("Line 2 of the CSV has 1 fields; the header names 2");
        Files.writeString(file, "a,b\n");
        assertThatThrownBy(() -> CsvTable.read(file)).hasMessageContaining("at least one data row");
    }
}
