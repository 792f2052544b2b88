package vn.hoso.io;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.TreeSet;

/**
 * The landing zone of CONTRACT.md: which files a run reads. Folders and files starting with _ or . are not data.
 * Symbolic links below the root (feed folders, date= folders, files) are not followed, so that a link there
 * cannot pull a file from elsewhere on the machine into silver or into quarantine text; each is named in a
 * warning. The root itself may be a link.
 */
public final class LandingZone {
    private static final Logger LOG = LoggerFactory.getLogger(LandingZone.class);
    public static final List<String> DATED_FEEDS = List.of("dossiers", "ratings", "feedback");
    /** Catalogue files every run needs. */
    public static final List<String> REQUIRED_CATALOG = List.of("procedures", "units");
    /**
     * Catalogue files a run reads when present: absent, their silver table is empty (zero rows, its schema).
     * The last four are the Decision 766 index's inputs (INDEX766.md).
     */
    public static final List<String> OPTIONAL_CATALOG = List.of("civil_servants", "holidays", "unit_procedures",
            "qd766_manual", "qd766_portal");
    /** Every catalogue feed, required first. */
    public static final List<String> CATALOG_FEEDS = java.util.stream.Stream.concat(REQUIRED_CATALOG.stream(),
            OPTIONAL_CATALOG.stream()).toList();

    private final String root;
    private final Configuration conf;

    public LandingZone(String root, Configuration conf) {
        this.root = root.endsWith("/") ? root.substring(0, root.length() - 1) : root;
        this.conf = conf;
    }

    public String root() {
        return root;
    }

    /** A file to read, with its path relative to the landing root (what quarantine and lineage record). */
    public record SourceFile(String path, String relative) implements java.io.Serializable {
    }

    /** Data files of a dated feed for the given export dates, sorted by path. */
    public List<SourceFile> files(String feed, Collection<LocalDate> dates) {
        List<SourceFile> out = new ArrayList<>();
        for (LocalDate d : new TreeSet<>(dates)) {
            out.addAll(list(feed + "/date=" + d, feed.equals("dossiers") ? List.of(".jsonl", ".jsonl.gz") : List.of(".csv", ".csv.gz")));
        }
        return out;
    }

    /** The catalogue file of a feed, or null when absent. */
    public SourceFile catalogFile(String feed) {
        Path p = new Path(root + "/catalog/" + feed + ".csv");
        try {
            if (!fs().exists(p) || linked(new Path(root + "/catalog"), "catalog") || linked(p, "catalog/" + feed + ".csv")) {
                return null;
            }
            return new SourceFile(p.toString(), "catalog/" + feed + ".csv");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + p, e);
        }
    }

    /** SHA-256 over the catalogue files' bytes, to tell whether the catalogue changed since the last run. */
    public String catalogFingerprint() {
        try {
            java.security.MessageDigest sha = java.security.MessageDigest.getInstance("SHA-256");
            for (String feed : CATALOG_FEEDS) {
                SourceFile f = catalogFile(feed);
                sha.update(feed.getBytes(java.nio.charset.StandardCharsets.UTF_8));
                if (f != null) {
                    try (var in = new Path(f.path()).getFileSystem(conf).open(new Path(f.path()))) {
                        sha.update(in.readAllBytes());
                    }
                }
            }
            return java.util.HexFormat.of().formatHex(sha.digest());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the catalogue under " + root, e);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available in this JVM", e);
        }
    }

    /** Every export date present in any dated feed, for a full rebuild. */
    public TreeSet<LocalDate> exportDates() {
        TreeSet<LocalDate> out = new TreeSet<>();
        for (String feed : DATED_FEEDS) {
            Path dir = new Path(root + "/" + feed);
            try {
                if (!fs().exists(dir) || linked(dir, feed)) {
                    continue;
                }
                for (FileStatus s : fs().listStatus(dir)) {
                    String name = s.getPath().getName();
                    if (s.isDirectory() && name.startsWith("date=") && !linked(s.getPath(), feed + "/" + name)) {
                        try {
                            out.add(LocalDate.parse(name.substring(5)));
                        } catch (DateTimeParseException e) {
                            LOG.warn("ignoring folder {}/{}: not date=YYYY-MM-DD", feed, name);
                        }
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot list " + dir, e);
            }
        }
        return out;
    }

    public boolean exists() {
        try {
            return fs().exists(new Path(root));
        } catch (IOException e) {
            return false;
        }
    }

    private List<SourceFile> list(String relativeDir, List<String> suffixes) {
        Path dir = new Path(root + "/" + relativeDir);
        List<SourceFile> out = new ArrayList<>();
        try {
            String feedDir = relativeDir.substring(0, relativeDir.indexOf('/'));
            if (!fs().exists(dir) || linked(new Path(root + "/" + feedDir), feedDir) || linked(dir, relativeDir)) {
                return out;
            }
            for (FileStatus s : fs().listStatus(dir)) {
                String name = s.getPath().getName();
                if (name.startsWith("_") || name.startsWith(".") || s.isDirectory() || linked(s.getPath(), relativeDir + "/" + name)) {
                    continue;
                }
                if (suffixes.stream().anyMatch(name::endsWith)) {
                    out.add(new SourceFile(s.getPath().toString(), relativeDir + "/" + name));
                } else {
                    LOG.warn("not read: {}/{} (expected {})", relativeDir, name, suffixes);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir, e);
        }
        out.sort((a, b) -> a.relative().compareTo(b.relative()));
        return out;
    }

    /**
     * Whether the path is a symbolic link (warned about: it is skipped). Hadoop's local file system reports
     * the target's status in listings, so a local path is asked of java.nio; other file systems say it in
     * their link status where they support links at all.
     */
    private boolean linked(Path p, String relative) throws IOException {
        boolean link;
        if ("file".equals(fs().getUri().getScheme())) {
            link = java.nio.file.Files.isSymbolicLink(java.nio.file.Path.of(fs().makeQualified(p).toUri()));
        } else {
            try {
                link = fs().getFileLinkStatus(p).isSymlink();
            } catch (UnsupportedOperationException e) {
                link = false;
            }
        }
        if (link) {
            LOG.warn("not read: {} is a symbolic link (links in the landing zone are not followed)", relative);
        }
        return link;
    }

    private FileSystem fs() throws IOException {
        return new Path(root).getFileSystem(conf);
    }
}
