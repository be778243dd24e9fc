package io.cairn.agent;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

/**
 * Unpacks a zip archive into a directory, refusing whatever could land outside it or surprise the run: an absolute
 * path, a {@code ..} segment, a backslash or NUL in a name, a symbolic link, a name given twice, more than
 * {@value #MAX_ENTRIES} entries or more than {@value #MAX_BYTES} bytes unpacked. Executable files (a Unix mode with
 * an x bit, as {@code git archive --format=zip} and Info-ZIP record it) stay executable for their owner.
 *
 * <p>{@link ZipFile} hides the entries' Unix modes, so they are read from the archive's central directory here.
 */
public final class SafeUnzip {

    static final int MAX_ENTRIES = 200_000;
    static final long MAX_BYTES = 16L * 1024 * 1024 * 1024;

    private static final int END_OF_CENTRAL_DIRECTORY = 0x06054b50;
    private static final int ZIP64_END_LOCATOR = 0x07064b50;
    private static final int ZIP64_END_OF_CENTRAL_DIRECTORY = 0x06064b50;
    private static final int CENTRAL_DIRECTORY_ENTRY = 0x02014b50;
    private static final int UNIX_HOST = 3;
    private static final int FILE_TYPE = 0170000;
    private static final int SYMBOLIC_LINK = 0120000;

    /** What was unpacked. */
    public record Unpacked(int files, long bytes) {
    }

    private SafeUnzip() {
    }

    /**
     * Unpacks {@code zip} into {@code directory} (created if missing; files already there are never replaced).
     *
     * @throws IllegalArgumentException naming the entry, when the archive is refused; part of it may have been
     *                                  unpacked by then
     */
    public static Unpacked unpack(Path zip, Path directory) throws IOException {
        Path root = directory.toAbsolutePath().normalize();
        Files.createDirectories(root);
        Map<String, Integer> modes = unixModes(zip);
        int files = 0;
        long bytes = 0;
        try (ZipFile archive = new ZipFile(zip.toFile(), StandardCharsets.UTF_8)) {
            if (archive.size() > MAX_ENTRIES) {
                throw new IllegalArgumentException("The archive has " + archive.size() + " entries; at most "
                        + MAX_ENTRIES + " are unpacked");
            }
            Enumeration<? extends ZipEntry> entries = archive.entries();
            while (entries.hasMoreElements()) {
                ZipEntry entry = entries.nextElement();
                int mode = modes.getOrDefault(entry.getName(), 0);
                Path target = target(root, entry.getName(), mode);
                if (entry.isDirectory()) {
                    Files.createDirectories(target);
                    continue;
                }
                Files.createDirectories(target.getParent());
                try (InputStream in = archive.getInputStream(entry)) {
                    bytes += copy(in, target, MAX_BYTES - bytes);
                } catch (FileAlreadyExistsException e) {
                    throw new IllegalArgumentException("Entry '" + entry.getName() + "' is in the archive twice");
                }
                if ((mode & 0111) != 0 && !target.toFile().setExecutable(true)) {
                    throw new IOException("Cannot make " + target + " executable");
                }
                files++;
            }
        } catch (ZipException e) {
            throw new IllegalArgumentException("The archive is not a readable zip file: " + e.getMessage());
        }
        return new Unpacked(files, bytes);
    }

    /** Where an entry goes, or why it does not. */
    private static Path target(Path root, String name, int mode) {
        if (name.isEmpty() || name.indexOf('\0') >= 0 || name.indexOf('\\') >= 0) {
            throw new IllegalArgumentException("Entry '" + printable(name) + "' has an empty name, a NUL or a backslash"
                    + " in its name");
        }
        if (name.startsWith("/") || name.matches("^[A-Za-z]:.*")) {
            throw new IllegalArgumentException("Entry '" + name + "' is an absolute path");
        }
        for (String segment : name.split("/")) {
            if (segment.equals("..")) {
                throw new IllegalArgumentException("Entry '" + name + "' would escape the working directory (a '..' "
                        + "segment)");
            }
        }
        if ((mode & FILE_TYPE) == SYMBOLIC_LINK) {
            throw new IllegalArgumentException("Entry '" + name + "' is a symbolic link; source archives hold files "
                    + "and directories only");
        }
        Path target = root.resolve(name).normalize();
        if (!target.startsWith(root)) {
            throw new IllegalArgumentException("Entry '" + name + "' would escape the working directory");
        }
        return target;
    }

    /** Copies at most {@code budget} bytes into a new file; answers how many were copied. */
    private static long copy(InputStream in, Path target, long budget) throws IOException {
        long copied = 0;
        byte[] buffer = new byte[65_536];
        try (var out = Files.newOutputStream(target, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            int read;
            while ((read = in.read(buffer)) > 0) {
                copied += read;
                if (copied > budget) {
                    throw new IllegalArgumentException("The archive unpacks to more than " + MAX_BYTES + " bytes");
                }
                out.write(buffer, 0, read);
            }
        }
        return copied;
    }

    /** The Unix mode of each entry recorded by a Unix zip tool (others: none), from the central directory. */
    static Map<String, Integer> unixModes(Path zip) throws IOException {
        try (FileChannel channel = FileChannel.open(zip, StandardOpenOption.READ)) {
            long size = channel.size();
            int tailLength = (int) Math.min(size, 22 + 65_535);
            ByteBuffer tail = read(channel, size - tailLength, tailLength);
            int end = -1;
            for (int i = tailLength - 22; i >= 0; i--) {
                if (tail.getInt(i) == END_OF_CENTRAL_DIRECTORY) {
                    end = i;
                    break;
                }
            }
            if (end < 0) {
                throw new IllegalArgumentException("The archive is not a zip file (no end of central directory)");
            }
            long entries = Short.toUnsignedLong(tail.getShort(end + 10));
            long directorySize = Integer.toUnsignedLong(tail.getInt(end + 12));
            long directoryOffset = Integer.toUnsignedLong(tail.getInt(end + 16));
            if ((entries == 0xFFFF || directoryOffset == 0xFFFFFFFFL) && end >= 20
                    && tail.getInt(end - 20) == ZIP64_END_LOCATOR) {
                ByteBuffer zip64 = read(channel, tail.getLong(end - 20 + 8), 56);
                if (zip64.getInt(0) != ZIP64_END_OF_CENTRAL_DIRECTORY) {
                    throw new IllegalArgumentException("The archive's zip64 end of central directory is unreadable");
                }
                entries = zip64.getLong(32);
                directorySize = zip64.getLong(40);
                directoryOffset = zip64.getLong(48);
            }
            if (entries > MAX_ENTRIES || directorySize > Integer.MAX_VALUE || directoryOffset + directorySize > size) {
                throw new IllegalArgumentException("The archive's central directory is unreadable or holds more than "
                        + MAX_ENTRIES + " entries");
            }
            ByteBuffer directory = read(channel, directoryOffset, (int) directorySize);
            Map<String, Integer> modes = new HashMap<>();
            int at = 0;
            for (long i = 0; i < entries; i++) {
                if (at + 46 > directory.limit() || directory.getInt(at) != CENTRAL_DIRECTORY_ENTRY) {
                    throw new IllegalArgumentException("The archive's central directory is unreadable at entry " + i);
                }
                int host = Short.toUnsignedInt(directory.getShort(at + 4)) >>> 8;
                int nameLength = Short.toUnsignedInt(directory.getShort(at + 28));
                int extraLength = Short.toUnsignedInt(directory.getShort(at + 30));
                int commentLength = Short.toUnsignedInt(directory.getShort(at + 32));
                int attributes = directory.getInt(at + 38);
                if (at + 46 + nameLength > directory.limit()) {
                    throw new IllegalArgumentException("The archive's central directory is unreadable at entry " + i);
                }
                byte[] name = new byte[nameLength];
                directory.get(at + 46, name);
                String entryName = new String(name, StandardCharsets.UTF_8);
                if (modes.put(entryName, host == UNIX_HOST ? attributes >>> 16 : 0) != null) {
                    throw new IllegalArgumentException("Entry '" + printable(entryName) + "' is in the archive twice");
                }
                at += 46 + nameLength + extraLength + commentLength;
            }
            return modes;
        }
    }

    private static ByteBuffer read(FileChannel channel, long position, int length) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(length).order(ByteOrder.LITTLE_ENDIAN);
        while (buffer.hasRemaining()) {
            if (channel.read(buffer, position + buffer.position()) < 0) {
                throw new IllegalArgumentException("The archive ends early");
            }
        }
        return buffer.flip();
    }

    private static String printable(String name) {
        return name.replace("\0", "\\0");
    }
}
