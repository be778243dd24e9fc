package io.cairn.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/** Source archives for tests: zip files of named text files, and their SHA-256. */
public final class SourceZips {

    private SourceZips() {
    }

    /** A zip holding {@code files} (name → content), in the map's order; names are taken as they are (even {@code ../x}). */
    public static byte[] zip(Map<String, String> files) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            for (Map.Entry<String, String> file : files.entrySet()) {
                zip.putNextEntry(new ZipEntry(file.getKey()));
                zip.write(file.getValue().getBytes(StandardCharsets.UTF_8));
                zip.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    public static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Uploads the archive ({@code PUT /api/v1/sources/{sha256}}) and answers its digest. */
    public static String upload(Api api, byte[] zip) {
        String sha256 = sha256(zip);
        Api.Response stored = api.put("/api/v1/sources/" + sha256, zip);
        if (stored.status() / 100 != 2) {
            throw new AssertionError("Uploading the source archive answered " + stored.status() + ": " + stored.text());
        }
        return sha256;
    }
}
