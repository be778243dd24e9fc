package io.cairn.agent;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/** Zip archives for tests, with Unix modes as a Unix zip tool records them (ZipOutputStream cannot). */
final class TestZips {

    private final Map<String, byte[]> entries = new LinkedHashMap<>();
    private final Map<String, Integer> modes = new LinkedHashMap<>();

    TestZips file(String name, String content) {
        return file(name, content, 0100644);
    }

    TestZips file(String name, String content, int mode) {
        entries.put(name, content.getBytes(StandardCharsets.UTF_8));
        modes.put(name, mode);
        return this;
    }

    TestZips directory(String name) {
        entries.put(name, null);
        modes.put(name, 040755);
        return this;
    }

    Path write(Path file) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            for (Map.Entry<String, byte[]> entry : entries.entrySet()) {
                zip.putNextEntry(new ZipEntry(entry.getKey()));
                if (entry.getValue() != null) {
                    zip.write(entry.getValue());
                }
                zip.closeEntry();
            }
        }
        ByteBuffer buffer = ByteBuffer.wrap(bytes.toByteArray()).order(ByteOrder.LITTLE_ENDIAN);
        int end = buffer.limit() - 22;
        int at = buffer.getInt(end + 16);
        for (int i = 0; i < buffer.getShort(end + 10); i++) {
            int nameLength = buffer.getShort(at + 28);
            byte[] name = new byte[nameLength];
            buffer.get(at + 46, name);
            buffer.putShort(at + 4, (short) (3 << 8 | 20));
            buffer.putInt(at + 38, modes.get(new String(name, StandardCharsets.UTF_8)) << 16);
            at += 46 + nameLength + buffer.getShort(at + 30) + buffer.getShort(at + 32);
        }
        return Files.write(file, buffer.array());
    }
}
