package vn.hoso.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Runs one {@code hoso} subcommand as a child JVM with this JVM's flags and classpath (what the launcher
 * gives), timing it and polling {@code /proc/<pid>/status} VmHWM every 100 ms for its peak RSS.
 */
public final class ChildStage {
    private ChildStage() {
    }

    /** The java command for {@code hoso args}: same binary, JVM flags and classpath as this process. */
    public static List<String> command(List<String> args) {
        return command("vn.hoso.cli.Main", args);
    }

    /** The java command for {@code mainClass args} with this JVM's flags and classpath. */
    public static List<String> command(String mainClass, List<String> args) {
        return command(mainClass, args, null);
    }

    /** The same, with the child's GC pauses logged to {@code gcLog} when not null. */
    static List<String> command(String mainClass, List<String> args, Path gcLog) {
        List<String> cmd = new ArrayList<>();
        cmd.add(ProcessHandle.current().info().command().orElse("java"));
        for (String a : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            if (a.startsWith("-agentlib:jdwp") || a.startsWith("-javaagent") || a.startsWith("-Xlog:gc")
                    || a.startsWith("-XX:ArchiveClassesAtExit")) {
                continue;
            }
            cmd.add(a);
        }
        if (gcLog != null) {
            cmd.add("-Xlog:gc:file=" + gcLog.toAbsolutePath());
        }
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(mainClass);
        cmd.addAll(args);
        return cmd;
    }

    public static StageResult run(String part, String stage, List<String> args, long records, Path log,
                                  Consumer<String> progress) {
        return run(part, stage, "vn.hoso.cli.Main", args, records, log, progress);
    }

    public static StageResult run(String part, String stage, String mainClass, List<String> args, long records,
                                  Path log, Consumer<String> progress) {
        Path gcLog = log.resolveSibling(log.getFileName().toString().replaceFirst("[.]log$", "") + ".gc.log");
        List<String> cmd = command(mainClass, args, gcLog);
        progress.accept(part + "/" + stage + ": " + mainClass + " " + String.join(" ", args));
        long start = System.nanoTime();
        java.time.Instant startedAt = java.time.Instant.now();
        try {
            Files.createDirectories(log.getParent());
            Files.deleteIfExists(gcLog);
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
            long peak = -1;
            Path status = Path.of("/proc", Long.toString(p.pid()), "status");
            while (true) {
                peak = Math.max(peak, vmHwm(status));
                if (p.waitFor(100, java.util.concurrent.TimeUnit.MILLISECONDS)) {
                    break;
                }
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            StageResult r = new StageResult(part, stage, seconds, records, peak, p.exitValue(), StageProfile.gcPauses(gcLog),
                    StageProfile.steps(log, startedAt, java.time.Instant.now()));
            progress.accept(String.format(java.util.Locale.ROOT, "%s/%s: %.1f s, peak RSS %s, GC pauses %.1f s, exit %d",
                    part, stage, seconds, BenchReport.mib(peak), r.gcPauseSeconds(), r.exitCode()));
            return r;
        } catch (IOException e) {
            throw new IllegalStateException("cannot start hoso " + stage + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted during " + stage, e);
        }
    }

    /** VmHWM of a /proc status file in bytes, -1 when unreadable (process gone, not Linux). */
    static long vmHwm(Path status) {
        try {
            for (String line : Files.readAllLines(status)) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
                }
            }
        } catch (IOException | RuntimeException e) {
            return -1;
        }
        return -1;
    }
}
