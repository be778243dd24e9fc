package io.cairn.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SafeUnzipTest {

    @TempDir
    Path dir;

    @Test
    void unpacksFilesAndDirectoriesAndKeepsExecutableBits() throws Exception {
        Path zip = new TestZips().directory("src/").file("src/train.py", "print('hi')\n")
                .file("train.sh", "#!/bin/sh\necho hi\n", 0100755).write(dir.resolve("a.zip"));
        Path work = dir.resolve("work");

        SafeUnzip.Unpacked unpacked = SafeUnzip.unpack(zip, work);

        assertThat(unpacked).isEqualTo(new SafeUnzip.Unpacked(2, 12 + 18));
        assertThat(work.resolve("src/train.py")).hasContent("print('hi')");
        assertThat(Files.isExecutable(work.resolve("train.sh"))).isTrue();
        assertThat(Files.isExecutable(work.resolve("src/train.py"))).isFalse();
    }

    @Test
    void anEntryEscapingTheDirectoryIsRefusedAndWritesNothingOutside() throws Exception {
        Path zip = new TestZips().file("ok.txt", "fine").file("../evil.sh", "rm -rf ~").write(dir.resolve("slip.zip"));
        Path work = dir.resolve("work");

        assertThatThrownBy(() -> SafeUnzip.unpack(zip, work)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Entry '../evil.sh' would escape the working directory (a '..' segment)");
        assertThat(dir.resolve("evil.sh")).doesNotExist();
    }

    @Test
    void aNestedDotDotAbsolutePathsAndBackslashesAreRefused() throws Exception {
        assertRefused(new TestZips().file("src/../../evil", "x"), "Entry 'src/../../evil' would escape");
        assertRefused(new TestZips().file("/etc/cron.d/evil", "x"), "Entry '/etc/cron.d/evil' is an absolute path");
        assertRefused(new TestZips().file("C:/evil", "x"), "Entry 'C:/evil' is an absolute path");
        assertRefused(new TestZips().file("..\\evil", "x"), "has an empty name, a NUL or a backslash");
    }

    @Test
    void aSymbolicLinkIsRefused() throws Exception {
        assertRefused(new TestZips().file("data", "/etc/passwd", 0120777),
                "Entry 'data' is a symbolic link; source archives hold files and directories only");
    }

    @Test
    void aSymbolicLinkInAGitArchiveIsRefused() throws Exception {
        Path repo = dir.resolve("repo");
        Files.createDirectories(repo);
        Files.writeString(repo.resolve("train.sh"), "echo hi\n");
        Files.createSymbolicLink(repo.resolve("secrets"), Path.of("train.sh"));
        Git.run(repo, "init", "--quiet");
        Git.run(repo, "add", ".");
        Git.run(repo, "commit", "--quiet", "-m", "with a link");
        Path zip = dir.resolve("git.zip");
        Git.run(repo, "archive", "--format=zip", "-o", zip.toString(), "HEAD");

        assertThatThrownBy(() -> SafeUnzip.unpack(zip, dir.resolve("work")))
                .hasMessage("Entry 'secrets' is a symbolic link; source archives hold files and directories only");
    }

    @Test
    void somethingElseThanAZipIsRefused() throws Exception {
        Path notZip = Files.writeString(dir.resolve("source.tar.gz"), "not a zip at all, but long enough to scan");
        assertThatThrownBy(() -> SafeUnzip.unpack(notZip, dir.resolve("work")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not a zip file");
    }

    private void assertRefused(TestZips zip, String message) throws Exception {
        Path file = zip.write(Files.createTempFile(dir, "bad", ".zip"));
        assertThatThrownBy(() -> SafeUnzip.unpack(file, Files.createTempDirectory(dir, "work")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(message);
    }
}
