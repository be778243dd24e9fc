package io.cairn.common.process;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Child JVMs the backend starts and supervises itself (the model servers of local deployments, the local compute
 * agent): started with their output appended to a log file and their pid in a file beside it, stopped politely and
 * then by force, restarted after a doubling back-off, and found again after a backend that was killed left them.
 */
public final class ChildProcesses {

    private static final Logger log = LoggerFactory.getLogger(ChildProcesses.class);
    private static final long STOP_GRACE_SECONDS = 5;

    private ChildProcesses() {
    }

    /**
     * Starts {@code command} with stdout and stderr appended to {@code logFile}, and writes its pid to
     * {@code pidFile} (read by {@link #killOrphans} at the next start, should the backend be killed without stopping
     * it).
     */
    public static Process start(List<String> command, Path logFile, Path pidFile) throws IOException {
        return start(new ProcessBuilder(command), logFile, pidFile);
    }

    /** {@link #start(List, Path, Path)} of a prepared builder (its environment, working directory). */
    public static Process start(ProcessBuilder builder, Path logFile, Path pidFile) throws IOException {
        Files.createDirectories(logFile.toAbsolutePath().getParent());
        Process process = builder
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
                .start();
        try {
            Files.writeString(pidFile, String.valueOf(process.pid()));
        } catch (IOException e) {
            log.debug("No pid file for {}", builder.command(), e);
        }
        return process;
    }

    /**
     * Stops the process: SIGTERM, then SIGKILL after five seconds, and the processes it had started (which a JVM's
     * shutdown hooks may not have stopped) by force. Answers whether it was running.
     */
    public static boolean stop(Process process) {
        if (process == null || !process.isAlive()) {
            return false;
        }
        List<ProcessHandle> descendants = process.descendants().toList();
        process.destroy();
        try {
            if (!process.waitFor(STOP_GRACE_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        descendants.forEach(ProcessHandle::destroyForcibly);
        return true;
    }

    /** Kills the process and its descendants at once (the backend's own JVM is exiting). */
    public static void kill(Process process) {
        if (process != null) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
        }
    }

    /** The wait before the next restart of a child that exited: 1 s, then doubled up to {@code max}. */
    public static Duration nextBackoff(Duration current, Duration max) {
        if (current.isZero()) {
            return Duration.ofSeconds(1);
        }
        Duration doubled = current.multipliedBy(2);
        return doubled.compareTo(max) <= 0 ? doubled : max;
    }

    /**
     * Kills the children a killed backend left: every file named {@code pidFileName} at most {@code depth} levels
     * below {@code root} names a pid; the process is killed only if its command line contains {@code marker} (the
     * pid may have been reused since), and the file is deleted.
     */
    public static void killOrphans(Path root, int depth, String pidFileName, String marker) {
        if (!Files.isDirectory(root)) {
            return;
        }
        try (var files = Files.find(root, depth, (path, attributes) -> path.getFileName().toString().equals(pidFileName))) {
            files.forEach(file -> {
                try {
                    long pid = Long.parseLong(Files.readString(file).trim());
                    ProcessHandle.of(pid)
                            .filter(p -> p.info().commandLine().map(c -> c.contains(marker)).orElse(false))
                            .ifPresent(p -> {
                                log.info("Stopping {} (pid {}) left by a previous run", marker, pid);
                                p.descendants().forEach(ProcessHandle::destroyForcibly);
                                p.destroyForcibly();
                            });
                    Files.deleteIfExists(file);
                } catch (IOException | NumberFormatException e) {
                    log.debug("Ignoring {}", file, e);
                }
            });
        } catch (IOException e) {
            log.warn("Could not look for {} processes left by a previous run", marker, e);
        }
    }

    /** This JVM's {@code java} executable. */
    public static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
