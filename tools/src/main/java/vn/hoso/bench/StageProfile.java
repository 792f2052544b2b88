package vn.hoso.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where a stage's time went, read from what the child left behind: its progress log lines
 * ({@code HH:mm:ss INFO  Class: step}, each step lasting until the next line) and its GC log.
 */
public final class StageProfile {
    private static final Pattern LOG_LINE = Pattern.compile("^(\\d{2}):(\\d{2}):(\\d{2}) INFO\\s+(\\w+): (.*)$");
    private static final Pattern GC_PAUSE = Pattern.compile("Pause.* ([0-9.]+)ms\\s*$");

    private StageProfile() {
    }

    /** A step of a stage: its log line (class and message) and how long until the next line. */
    public record Step(String step, double seconds) {
    }

    /**
     * The steps of a stage, longest first: the start-up before the first log line, then each logged step until
     * the next one (the last until the process ended). The log's clock is this machine's, to the second.
     */
    public static List<Step> steps(Path log, Instant started, Instant ended) {
        List<String> lines;
        try {
            lines = Files.exists(log) ? Files.readAllLines(log) : List.of();
        } catch (IOException | RuntimeException e) {
            return List.of();
        }
        ZoneId zone = ZoneId.systemDefault();
        LocalDateTime start = LocalDateTime.ofInstant(started, zone).withNano(0);
        LocalDateTime end = LocalDateTime.ofInstant(ended, zone);
        List<Step> out = new ArrayList<>();
        String label = "start-up, until the first log line";
        LocalDateTime at = start;
        for (String line : lines) {
            Matcher m = LOG_LINE.matcher(line);
            if (!m.matches()) {
                continue;
            }
            LocalDateTime t = at.toLocalDate().atTime(LocalTime.of(Integer.parseInt(m.group(1)),
                    Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3))));
            if (t.isBefore(at.minusHours(12))) {
                t = t.plusDays(1);
            }
            out.add(new Step(label, Math.max(0, Duration.between(at, t).toMillis() / 1000.0)));
            label = m.group(4) + ": " + shorten(m.group(5));
            at = t;
        }
        out.add(new Step(label, Math.max(0, Duration.between(at, end).toMillis() / 1000.0)));
        out.sort(Comparator.comparingDouble(Step::seconds).reversed());
        return out;
    }

    /** Total stop-the-world GC pause time in a {@code -Xlog:gc} file, in seconds; -1 when there is no log. */
    public static double gcPauses(Path gcLog) {
        try {
            if (!Files.exists(gcLog)) {
                return -1;
            }
            double ms = 0;
            for (String line : Files.readAllLines(gcLog)) {
                Matcher m = GC_PAUSE.matcher(line);
                if (m.find()) {
                    ms += Double.parseDouble(m.group(1));
                }
            }
            return ms / 1000.0;
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    private static String shorten(String message) {
        String m = message.replaceAll("\\s+", " ").strip();
        return m.length() <= 90 ? m : m.substring(0, 87) + "...";
    }
}
