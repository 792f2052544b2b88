package vn.hoso.publish;

import java.nio.file.Path;

/** Publishes a warehouse in a JVM of its own, so a test can give it another host time zone. */
public final class PublishProbe {
    public static void main(String[] args) {
        new PublishJob(Path.of(args[0]), Path.of(args[1])).publish(t -> { });
    }
}
