package io.cairn.agent.dl4j;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A CSV file read whole: a header row naming the columns, then one row per example. Fields are separated by commas
 * and may be quoted ({@code "a, b"}, a quote doubled inside); blank lines are skipped.
 */
record CsvTable(List<String> header, List<List<String>> rows) {

    static CsvTable read(Path file) throws IOException {
        List<String> header = null;
        List<List<String>> rows = new ArrayList<>();
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            int number = 0;
            while ((line = reader.readLine()) != null) {
                number++;
                if (line.isBlank()) {
                    continue;
                }
                List<String> fields = fields(line, number);
                if (header == null) {
                    header = fields;
                } else if (fields.size() != header.size()) {
                    throw new IllegalArgumentException("Line " + number + " of the CSV has " + fields.size()
                            + " fields; the header names " + header.size());
                } else {
                    rows.add(fields);
                }
            }
        }
        if (header == null || rows.isEmpty()) {
            throw new IllegalArgumentException("The CSV needs a header row and at least one data row");
        }
        return new CsvTable(List.copyOf(header), rows);
    }

    static List<String> fields(String line, int number) {
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    field.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    field.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                fields.add(field.toString().trim());
                field.setLength(0);
            } else {
                field.append(c);
            }
        }
        if (quoted) {
            throw new IllegalArgumentException("Line " + number + " of the CSV has an unclosed quote");
        }
        fields.add(field.toString().trim());
        return fields;
    }

    int column(String name) {
        int index = header.indexOf(name);
        if (index < 0) {
            throw new IllegalArgumentException("The CSV has no column '" + name + "' (columns: "
                    + String.join(", ", header) + ")");
        }
        return index;
    }
}
