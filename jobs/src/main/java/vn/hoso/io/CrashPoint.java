package vn.hoso.io;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Test-only hook for the kill tests: when {@code HOSO_KILL_AT} (or the system property {@code hoso.kill.at})
 * names a step, the process halts there with exit code 137, as if it had been sent SIGKILL: no finally block,
 * no shutdown hook, nothing flushed by the program. Unset in production, where {@link #at} costs one string
 * comparison.
 */
public final class CrashPoint {
    private static final Logger LOG = LoggerFactory.getLogger(CrashPoint.class);
    /** The exit code of a process killed by SIGKILL (128 + 9). */
    public static final int EXIT = 137;
    private static final String TARGET = System.getProperty("hoso.kill.at", System.getenv("HOSO_KILL_AT"));

    private CrashPoint() {
    }

    /** A named write step: the process dies here when it is the one asked for. */
    public static void at(String step) {
        if (TARGET != null && TARGET.equals(step)) {
            LOG.error("HOSO_KILL_AT={}: halting the process here (test hook)", step);
            Runtime.getRuntime().halt(EXIT);
        }
    }
}
