package vn.hoso.io;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocalFileSystem;
import org.apache.hadoop.fs.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.hoso.config.UserError;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The warehouse's single-writer lock, {@code <root>/ops/lock.json}: every command that writes the warehouse
 * holds it from before its first read to its end, and a second one stops at once naming the holder. The file
 * appears whole and atomically (a hard link of a written file on a local disk; create-if-absent elsewhere, as
 * on HDFS). A lock whose process is gone on this host is taken over with a warning; one left on another host
 * is freed by {@code hoso unlock}.
 */
public final class WarehouseLock implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(WarehouseLock.class);
    static final String FILE = "ops/lock.json";
    private static final ObjectMapper JSON = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    /** Who holds the lock. */
    public record Holder(@JsonProperty("run_id") String runId, @JsonProperty("command") String command,
                         @JsonProperty("host") String host, @JsonProperty("pid") long pid,
                         @JsonProperty("started_at") String startedAt) {
        public String describe() {
            return "run " + runId + " (" + command + ") on host " + host + ", pid " + pid + ", started " + startedAt;
        }

        /** Whether this holder is a process of this host that no longer runs (or whose pid now names a later one). */
        boolean deadOnThisHost() {
            if (!host.equals(thisHost())) {
                return false;
            }
            Optional<ProcessHandle> p = ProcessHandle.of(pid);
            if (p.isEmpty() || !p.get().isAlive()) {
                return true;
            }
            Optional<Instant> start = p.get().info().startInstant();
            // the pid was reused: the process running now started after the lock was taken
            try {
                return start.isPresent() && start.get().isAfter(Instant.parse(startedAt).plusSeconds(1));
            } catch (RuntimeException e) {
                return false;
            }
        }
    }

    private final FileSystem fs;
    private final Path file;
    private final Holder holder;

    private WarehouseLock(FileSystem fs, Path file, Holder holder) {
        this.fs = fs;
        this.file = file;
        this.holder = holder;
    }

    public Holder holder() {
        return holder;
    }

    /**
     * Takes the lock of the warehouse or stops with a {@link UserError} naming its holder.
     *
     * @param hadoopConf {@code spark.hadoop.*} settings, for a warehouse on HDFS or object storage
     */
    public static WarehouseLock acquire(String warehouse, Map<String, String> hadoopConf, String runId, String command) {
        FileSystem fs = fileSystem(warehouse, hadoopConf);
        Path file = lockFile(warehouse);
        Holder me = new Holder(runId, command, thisHost(), ProcessHandle.current().pid(), Instant.now().toString());
        try {
            for (int attempt = 0; attempt < 3; attempt++) {
                if (create(fs, file, me)) {
                    LOG.info("warehouse {} locked by run {}", warehouse, runId);
                    return new WarehouseLock(fs, file, me);
                }
                Optional<Holder> current = read(fs, file);
                if (current.isEmpty()) {
                    continue;
                }
                if (!current.get().deadOnThisHost()) {
                    throw new UserError("warehouse " + warehouse + " is locked by " + current.get().describe()
                            + ": only one run may write it at a time; if that run is dead on another host, free it with"
                            + " `hoso unlock --warehouse " + warehouse + " " + UNLOCK_FLAG + "`");
                }
                LOG.warn("taking over the lock of warehouse {}: {} is no longer running", warehouse, current.get().describe());
                takeOver(fs, file, current.get());
            }
            throw new UserError("cannot lock warehouse " + warehouse + ": " + file + " keeps changing (another run is starting)");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot lock warehouse " + warehouse + " (" + file + "): " + e.getMessage(), e);
        }
    }

    /** The flag {@code hoso unlock} needs before it frees a lock. */
    public static final String UNLOCK_FLAG = "--yes-i-am-sure";

    /** The holder of the warehouse's lock, if it is locked. */
    public static Optional<Holder> holder(String warehouse, Map<String, String> hadoopConf) {
        try {
            return read(fileSystem(warehouse, hadoopConf), lockFile(warehouse));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the lock of " + warehouse + ": " + e.getMessage(), e);
        }
    }

    /**
     * Frees a lock whatever its holder, unless that holder still runs on this host.
     *
     * @return the holder freed, empty when there was no lock
     */
    public static Optional<Holder> forceUnlock(String warehouse, Map<String, String> hadoopConf) {
        FileSystem fs = fileSystem(warehouse, hadoopConf);
        Path file = lockFile(warehouse);
        try {
            Optional<Holder> h = read(fs, file);
            if (h.isPresent() && h.get().host().equals(thisHost()) && !h.get().deadOnThisHost()) {
                throw new UserError("not unlocking warehouse " + warehouse + ": " + h.get().describe()
                        + " is still running on this host (stop it first)");
            }
            if (fs.exists(file) && !fs.delete(file, false) && fs.exists(file)) {
                throw new IOException("cannot delete " + file);
            }
            return h;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot unlock " + warehouse + ": " + e.getMessage(), e);
        }
    }

    /** Releases the lock if it is still this process's. */
    @Override
    public void close() {
        try {
            Optional<Holder> current = read(fs, file);
            if (current.isPresent() && current.get().equals(holder)) {
                if (!fs.delete(file, false) && fs.exists(file)) {
                    LOG.warn("cannot delete the lock {}", file);
                }
            } else {
                LOG.warn("the lock {} is no longer run {}'s (freed by `hoso unlock`?): left as it is", file, holder.runId());
            }
        } catch (IOException e) {
            LOG.warn("cannot release the lock {}: {}", file, e.getMessage());
        }
    }

    private static boolean create(FileSystem fs, Path file, Holder me) throws IOException {
        byte[] text = JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(me);
        if (!fs.mkdirs(file.getParent())) {
            throw new IOException("cannot create " + file.getParent());
        }
        if (fs instanceof LocalFileSystem local) {
            // a hard link to a written file: the lock never exists half-written, and the link fails if it exists
            java.nio.file.Path target = local.pathToFile(file).toPath();
            java.nio.file.Path tmp = target.resolveSibling(target.getFileName() + "." + UUID.randomUUID() + ".tmp");
            Files.write(tmp, text);
            try {
                Files.createLink(target, tmp);
                return true;
            } catch (FileAlreadyExistsException e) {
                return false;
            } finally {
                Files.deleteIfExists(tmp);
            }
        }
        try (OutputStream out = fs.create(file, false)) {
            out.write(text);
            return true;
        } catch (org.apache.hadoop.fs.FileAlreadyExistsException e) {
            return false;
        } catch (IOException e) {
            if (fs.exists(file)) {
                return false;
            }
            throw e;
        }
    }

    /** Moves the dead holder's lock aside, putting it back if another process had replaced it meanwhile. */
    private static void takeOver(FileSystem fs, Path file, Holder dead) throws IOException {
        Path aside = new Path(file.getParent(), file.getName() + "." + UUID.randomUUID() + ".stale");
        if (!fs.rename(file, aside)) {
            return;
        }
        Optional<Holder> moved = read(fs, aside);
        if (moved.isPresent() && !moved.get().equals(dead) && !fs.exists(file)) {
            fs.rename(aside, file);
            return;
        }
        fs.delete(aside, false);
    }

    /** The holder in the lock file; empty when there is none. A file being written is read again briefly. */
    private static Optional<Holder> read(FileSystem fs, Path file) throws IOException {
        for (int attempt = 0; ; attempt++) {
            byte[] bytes;
            try (InputStream in = fs.open(file)) {
                bytes = in.readAllBytes();
            } catch (java.io.FileNotFoundException e) {
                return Optional.empty();
            }
            try {
                return Optional.of(JSON.readValue(bytes, Holder.class));
            } catch (IOException e) {
                if (attempt >= 20) {
                    return Optional.of(new Holder("unknown", "unreadable lock file " + file, "unknown", -1, "unknown"));
                }
                try {
                    Thread.sleep(100);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    throw new IOException("interrupted while reading " + file, ie);
                }
            }
        }
    }

    private static Path lockFile(String warehouse) {
        String root = warehouse.endsWith("/") ? warehouse.substring(0, warehouse.length() - 1) : warehouse;
        return new Path(root + "/" + FILE);
    }

    private static FileSystem fileSystem(String warehouse, Map<String, String> sparkConf) {
        Configuration conf = new Configuration();
        sparkConf.forEach((k, v) -> {
            if (k.startsWith("spark.hadoop.")) {
                conf.set(k.substring("spark.hadoop.".length()), v);
            }
        });
        try {
            return lockFile(warehouse).getFileSystem(conf);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the file system of " + warehouse + ": " + e.getMessage(), e);
        }
    }

    static String thisHost() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return Optional.ofNullable(System.getenv("HOSTNAME")).orElse("localhost");
        }
    }
}
