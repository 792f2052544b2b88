package vn.hoso.io;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

/**
 * The files of the warehouse's tables, without Spark: the journals that make a table write crash-safe, the
 * swap they drive, and the recovery that completes a swap a killed run left halfway.
 *
 * <p>A write puts its files in {@code <table>/_staging/<id>}. Its journal says what it replaces: one table's
 * in {@code <staging>/_READY}, several tables' together (dossiers with their status history) in
 * {@code <root>/_commits/<id>}. A journal is written to a temporary file and renamed, so it is either whole
 * or absent: absent, the write never happened (its staging is dropped); present, the swap is rolled forward
 * to its end (every step of it can be done again). A journal that does not parse cannot be ours and stops
 * the run rather than guess.
 */
public final class TableFiles {
    private static final Logger LOG = LoggerFactory.getLogger(TableFiles.class);
    static final String STAGING = "_staging";
    static final String READY = "_READY";
    static final String COMMITS = "_commits";
    private static final String TMP = ".tmp";
    static final String WHOLE_TABLE = "*";
    /** The first line of a multi-table journal. */
    private static final String COMMIT_HEADER = "hoso-commit-1";
    private static final List<String> LAYERS = List.of("silver", "gold", "ops");

    private final FileSystem fs;
    private final Path root;

    public TableFiles(FileSystem fs, Path root) {
        this.fs = fs;
        this.root = root;
    }

    /** The tables of a warehouse on this machine. */
    public static TableFiles local(java.nio.file.Path root) {
        Path p = new Path(root.toAbsolutePath().toUri());
        try {
            return new TableFiles(p.getFileSystem(new Configuration()), p);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the file system of " + p, e);
        }
    }

    /**
     * What a staged write replaces.
     *
     * @param column   the partition column, or "*" for the whole table
     * @param replace  partition values replaced (or "*")
     * @param produced partition values the staging holds, or for a whole table the names of its data files
     */
    record Journal(String column, TreeSet<String> replace, TreeSet<String> produced) {
        String text() {
            return column + "\n" + String.join(",", replace) + "\n" + String.join(",", produced) + "\n";
        }

        /** Exactly three newline-terminated lines; anything else (empty, cut short) is empty. */
        static Optional<Journal> parse(List<String> lines) {
            if (lines.size() != 3 || lines.get(0).isBlank()) {
                return Optional.empty();
            }
            return Optional.of(new Journal(lines.get(0), split(lines.get(1)), split(lines.get(2))));
        }

        private static TreeSet<String> split(String csv) {
            TreeSet<String> out = new TreeSet<>();
            for (String v : csv.split(",")) {
                if (!v.isBlank()) {
                    out.add(v.trim());
                }
            }
            return out;
        }
    }

    /** One table's part of a commit: its staging folder and journal. */
    public record Staged(Path table, Path staging, Journal journal) {
    }

    public Path root() {
        return root;
    }

    /** A new staging folder of a table (not created). */
    Path newStaging(Path table) {
        return new Path(table, STAGING + "/" + UUID.randomUUID());
    }

    /** The journal of a table's staged files: the partitions (or, for a whole table, the files) it holds. */
    Journal journal(Path staging, String column, TreeSet<String> replace) throws IOException {
        TreeSet<String> produced = new TreeSet<>();
        for (FileStatus s : listData(staging)) {
            if (column.equals(WHOLE_TABLE) ? s.isFile() : s.isDirectory()) {
                produced.add(column.equals(WHOLE_TABLE) ? s.getPath().getName() : valueOf(s.getPath().getName()));
            }
        }
        return new Journal(column, replace, produced);
    }

    /**
     * Makes staged writes visible together: one journal for all of them, then each table's swap. A kill at
     * any point leaves either none of them (no journal yet) or a journal the next run completes.
     */
    public void commit(List<Staged> writes) {
        try {
            Path journal;
            if (writes.size() == 1) {
                Staged w = writes.get(0);
                journal = new Path(w.staging(), READY);
                writeAtomically(journal, w.journal().text());
            } else {
                StringBuilder text = new StringBuilder(COMMIT_HEADER + "\n" + writes.size() + "\n");
                for (Staged w : writes) {
                    text.append(relative(w.table())).append('\n').append(w.staging().getName()).append('\n')
                            .append(w.journal().text());
                }
                journal = new Path(root, COMMITS + "/" + UUID.randomUUID());
                writeAtomically(journal, text.toString());
            }
            for (Staged w : writes) {
                swap(w);
                CrashPoint.at("swapped:" + relative(w.table()).replace('/', '.'));
            }
            for (Staged w : writes) {
                delete(w.staging());
            }
            if (writes.size() > 1) {
                delete(journal);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot commit the write of " + writes.stream().map(w -> relative(w.table())).toList()
                    + ": " + e.getMessage(), e);
        }
    }

    /**
     * Completes every interrupted commit, then the table's own interrupted swap; drops staging that never got
     * a journal, except the folders in {@code keep} (this process's writes not yet committed).
     */
    public void recover(Path table, Set<Path> keep) {
        try {
            recoverCommits();
            Path stagingRoot = new Path(table, STAGING);
            if (!fs.exists(stagingRoot)) {
                return;
            }
            boolean kept = false;
            for (FileStatus s : fs.listStatus(stagingRoot)) {
                if (keep.contains(s.getPath()) || keep.contains(fs.makeQualified(s.getPath()))) {
                    kept = true;
                    continue;
                }
                Optional<Journal> journal = readTableJournal(s.getPath());
                if (journal.isPresent()) {
                    LOG.warn("completing an interrupted write into {}", table);
                    swap(new Staged(table, s.getPath(), journal.get()));
                } else {
                    LOG.info("dropping {}: a write that stopped before its journal", s.getPath());
                }
                delete(s.getPath());
            }
            if (!kept) {
                delete(stagingRoot);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot recover the staged writes of " + table + ": " + e.getMessage(), e);
        }
    }

    /** Recovers every table of the warehouse (what a writer does before reading it all, e.g. the publish). */
    public void recoverAll() {
        try {
            recoverCommits();
            for (String layer : LAYERS) {
                Path dir = new Path(root, layer);
                if (!fs.exists(dir)) {
                    continue;
                }
                for (FileStatus t : fs.listStatus(dir)) {
                    if (t.isDirectory() && fs.exists(new Path(t.getPath(), STAGING))) {
                        recover(t.getPath(), Set.of());
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot recover the tables of " + root + ": " + e.getMessage(), e);
        }
    }

    /**
     * Whether a swap into the table is under way or was interrupted (a reader without the warehouse lock
     * must not read it now: only a writer may complete the swap).
     */
    public boolean unfinished(Path table) {
        try {
            Path commits = new Path(root, COMMITS);
            if (fs.exists(commits)) {
                for (FileStatus c : fs.listStatus(commits)) {
                    if (!c.getPath().getName().endsWith(TMP)) {
                        return true;
                    }
                }
            }
            Path stagingRoot = new Path(table, STAGING);
            if (fs.exists(stagingRoot)) {
                for (FileStatus s : fs.listStatus(stagingRoot)) {
                    if (fs.exists(new Path(s.getPath(), READY))) {
                        return true;
                    }
                }
            }
            return false;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + table + ": " + e.getMessage(), e);
        }
    }

    private void recoverCommits() throws IOException {
        Path commits = new Path(root, COMMITS);
        if (!fs.exists(commits)) {
            return;
        }
        for (FileStatus c : fs.listStatus(commits)) {
            if (c.getPath().getName().endsWith(TMP)) {
                delete(c.getPath());
                continue;
            }
            List<String> lines = readLines(c.getPath());
            List<Staged> writes = parseCommit(lines);
            if (writes == null) {
                throw new IOException("the commit journal " + c.getPath() + " is not one hoso writes; check the tables "
                        + "it names and delete it by hand");
            }
            LOG.warn("completing an interrupted write into {}", writes.stream().map(w -> relative(w.table())).toList());
            for (Staged w : writes) {
                swap(w);
            }
            for (Staged w : writes) {
                delete(w.staging());
            }
            delete(c.getPath());
        }
        delete(commits);
    }

    private List<Staged> parseCommit(List<String> lines) {
        if (lines.size() < 2 || !lines.get(0).equals(COMMIT_HEADER) || !lines.get(1).matches("\\d{1,3}")) {
            return null;
        }
        int n = Integer.parseInt(lines.get(1));
        if (lines.size() != 2 + 5 * n) {
            return null;
        }
        List<Staged> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int at = 2 + 5 * i;
            Optional<Journal> j = Journal.parse(lines.subList(at + 2, at + 5));
            if (j.isEmpty()) {
                return null;
            }
            Path table = new Path(root, lines.get(at));
            out.add(new Staged(table, new Path(table, STAGING + "/" + lines.get(at + 1)), j.get()));
        }
        return out;
    }

    private Optional<Journal> readTableJournal(Path staging) throws IOException {
        Path file = new Path(staging, READY);
        if (!fs.exists(file)) {
            return Optional.empty();
        }
        Optional<Journal> journal = Journal.parse(readLines(file));
        if (journal.isEmpty()) {
            // written by rename once whole, so an unreadable one is not a swap that began: nothing was replaced
            LOG.warn("ignoring the unreadable journal {}: its write is dropped, the table is left as it was", file);
        }
        return journal;
    }

    /**
     * Moves the staged files in. Every step can run again after a kill: a partition already moved is no longer
     * in staging, and a whole table keeps exactly the files its journal names.
     */
    private void swap(Staged w) throws IOException {
        Journal journal = w.journal();
        Path table = w.table();
        String step = "swap:" + relative(table).replace('/', '.');
        if (journal.column().equals(WHOLE_TABLE)) {
            for (FileStatus s : listData(table)) {
                if (!journal.produced().contains(s.getPath().getName())) {
                    delete(s.getPath());
                    CrashPoint.at(step);
                }
            }
            for (FileStatus s : listData(w.staging())) {
                if (journal.produced().contains(s.getPath().getName())) {
                    rename(s.getPath(), new Path(table, s.getPath().getName()));
                    CrashPoint.at(step);
                }
            }
            return;
        }
        for (String value : journal.replace()) {
            Path target = new Path(table, journal.column() + "=" + value);
            Path fresh = new Path(w.staging(), journal.column() + "=" + value);
            if (!journal.produced().contains(value)) {
                delete(target);
            } else if (fs.exists(fresh)) {
                delete(target);
                if (!fs.mkdirs(table)) {
                    throw new IOException("cannot create " + table);
                }
                rename(fresh, target);
            } else {
                continue;
            }
            CrashPoint.at(step);
        }
    }

    private void writeAtomically(Path file, String text) throws IOException {
        Path tmp = new Path(file.getParent(), file.getName() + TMP);
        try (OutputStream out = fs.create(tmp, true)) {
            out.write(text.getBytes(StandardCharsets.UTF_8));
        }
        rename(tmp, file);
    }

    private List<String> readLines(Path file) throws IOException {
        String text;
        try (InputStream in = fs.open(file)) {
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        if (!text.endsWith("\n")) {
            return List.of();
        }
        return Arrays.asList(text.substring(0, text.length() - 1).split("\n", -1));
    }

    /** Deletes a file or folder; one that is not there is fine, one that stays is an error. */
    void delete(Path p) throws IOException {
        if (!fs.delete(p, true) && fs.exists(p)) {
            throw new IOException("cannot delete " + p);
        }
    }

    private void rename(Path from, Path to) throws IOException {
        if (!fs.rename(from, to)) {
            throw new IOException("cannot rename " + from + " to " + to);
        }
    }

    /** A table's path relative to the root, "layer/name". */
    private String relative(Path table) {
        return table.getParent().getName() + "/" + table.getName();
    }

    List<FileStatus> listData(Path dir) throws IOException {
        List<FileStatus> out = new ArrayList<>();
        if (!fs.exists(dir)) {
            return out;
        }
        for (FileStatus s : fs.listStatus(dir)) {
            String name = s.getPath().getName();
            if (!name.startsWith("_") && !name.startsWith(".")) {
                out.add(s);
            }
        }
        return out;
    }

    static String valueOf(String partitionDir) {
        int eq = partitionDir.indexOf('=');
        return eq < 0 ? partitionDir : partitionDir.substring(eq + 1);
    }
}
