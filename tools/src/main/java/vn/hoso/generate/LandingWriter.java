package vn.hoso.generate;

import com.fasterxml.jackson.databind.SequenceWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.dataformat.csv.CsvGenerator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;

import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;

/**
 * Writes the dated feeds of the landing zone. Lines are buffered per export day and a day's file is
 * written, in sync-time order, once the caller says no later dossier can add to it; so memory holds
 * only the days still open, and each file is written once. Faulty lines are recorded in the manifest
 * with the line number they end up on.
 *
 * <p>A day's lines are sorted, compressed and written by one background thread, in the order the days
 * are handed over, so generation and writing overlap while the output stays the same byte for byte.
 */
final class LandingWriter implements Closeable {
    static final String PART = "part-00000";
    static final String[] RATINGS_HEADER = {"MaHoSo", "ThoiDiemDanhGia", "MucDoHaiLong"};
    static final String[] FEEDBACK_HEADER = {"MaPAKN", "MaHoSo", "DonViXuLy", "NgayTiepNhan", "HanXuLy", "NgayXuLy",
            "DaCongKhai", "HaiLong"};
    static final String[] FAULTS_HEADER = {"feed", "file", "line", "fault", "expected_reason_code"};
    private static final CsvMapper CSV = CsvMapper.builder()
            .enable(CsvGenerator.Feature.STRICT_CHECK_FOR_QUOTING)
            .disable(SerializationFeature.FLUSH_AFTER_WRITE_VALUE).build();
    private static final byte[] BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
    private static final int MAX_QUEUED_DAYS = 16;

    /** One buffered line: a JSON line (byte[]) or a CSV row (String[]). */
    private record Entry(long sortKey, long seq, Object payload, FaultKind fault) {
    }

    private static final Comparator<Entry> ORDER =
            Comparator.comparingLong(Entry::sortKey).thenComparingLong(Entry::seq);

    private final Path landing;
    private final boolean gzip;
    private final List<NavigableMap<LocalDate, List<Entry>>> open = new ArrayList<>();
    private final SequenceWriter manifest;
    private final ExecutorService io = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "hoso-generate-writer");
        t.setDaemon(true);
        return t;
    });
    /** Bounds the days waiting for the writer thread, and so the memory they hold. */
    private final Semaphore queued = new Semaphore(MAX_QUEUED_DAYS);
    private volatile Throwable failure;
    private long seq;
    /** Days before this one are written: a line for them would be lost. */
    private LocalDate closedBefore = LocalDate.MIN;
    private LocalDate firstDay;
    private LocalDate lastDay;

    LandingWriter(Path landing, boolean gzip) {
        this.landing = landing;
        this.gzip = gzip;
        for (int i = 0; i < Feed.values().length; i++) {
            open.add(new TreeMap<>());
        }
        manifest = csvWriter(landing.resolve(Generator.MANIFEST), FAULTS_HEADER, false);
    }

    /** Buffers a line of a dated feed; {@code fault} is null for a good line. */
    void add(Feed feed, LocalDate day, long sortKey, Object payload, FaultKind fault) {
        if (day.isBefore(closedBefore)) {
            throw new IllegalStateException(feed.folder + " of " + day + " are already written");
        }
        open.get(feed.ordinal()).computeIfAbsent(day, d -> new ArrayList<>()).add(new Entry(sortKey, seq++, payload, fault));
    }

    /** Writes the files of every day before {@code day}: no line can be added to them any more. */
    void flushBefore(LocalDate day) {
        closedBefore = day;
        for (Feed feed : Feed.values()) {
            NavigableMap<LocalDate, List<Entry>> days = open.get(feed.ordinal()).headMap(day, false);
            for (Map.Entry<LocalDate, List<Entry>> e : days.entrySet()) {
                LocalDate d = e.getKey();
                List<Entry> entries = e.getValue();
                firstDay = firstDay == null || d.isBefore(firstDay) ? d : firstDay;
                lastDay = lastDay == null || d.isAfter(lastDay) ? d : lastDay;
                queued.acquireUninterruptibly();
                io.execute(() -> {
                    try {
                        if (failure == null) {
                            write(feed, d, entries);
                        }
                    } catch (RuntimeException | Error ex) {
                        failure = ex;
                    } finally {
                        queued.release();
                    }
                });
            }
            days.clear();
        }
        rethrowFailure();
    }

    LocalDate firstDay() {
        return firstDay;
    }

    LocalDate lastDay() {
        return lastDay;
    }

    /** Writes every remaining day, waits for the writer thread and closes the manifest. */
    @Override
    public void close() {
        try {
            flushBefore(LocalDate.MAX);
        } finally {
            io.shutdown();
            try {
                if (!io.awaitTermination(1, TimeUnit.HOURS)) {
                    throw new IllegalStateException("the landing files were not written within an hour");
                }
                manifest.close();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while writing the landing files", e);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot close " + Generator.MANIFEST, e);
            }
        }
        rethrowFailure();
    }

    private void rethrowFailure() {
        if (failure instanceof RuntimeException e) {
            throw e;
        }
        if (failure instanceof Error e) {
            throw e;
        }
    }

    private void write(Feed feed, LocalDate day, List<Entry> entries) {
        entries.sort(ORDER);
        boolean json = feed == Feed.DOSSIERS;
        String name = PART + (json ? (gzip ? ".jsonl.gz" : ".jsonl") : ".csv");
        String relative = feed.folder + "/date=" + day + "/" + name;
        Path file = landing.resolve(relative);
        try {
            Files.createDirectories(file.getParent());
            if (json) {
                writeJsonLines(file, entries);
            } else {
                String[] header = feed == Feed.RATINGS ? RATINGS_HEADER : FEEDBACK_HEADER;
                try (SequenceWriter w = csvWriter(file, header, false)) {
                    for (Entry e : entries) {
                        w.write(e.payload);
                    }
                }
            }
            // CSV files have a header line, so their records start on line 2.
            long line = json ? 1 : 2;
            for (Entry e : entries) {
                if (e.fault != null) {
                    manifest.write(new String[]{feed.folder, relative, Long.toString(line), e.fault.label(),
                            e.fault.expected.name()});
                }
                line++;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    private void writeJsonLines(Path file, List<Entry> entries) throws IOException {
        OutputStream raw = Files.newOutputStream(file);
        try (OutputStream out = new BufferedOutputStream(gzip ? new FastGzip(raw) : raw, 1 << 16)) {
            for (Entry e : entries) {
                out.write((byte[]) e.payload);
                out.write('\n');
            }
        }
    }

    /** Gzip at the fastest level: JSON lines compress well anyway, and the default level triples the run time. */
    private static final class FastGzip extends GZIPOutputStream {
        FastGzip(OutputStream out) throws IOException {
            super(out, 1 << 16);
            def.setLevel(Deflater.BEST_SPEED);
        }
    }

    /** Writes a whole CSV file: UTF-8, header row, RFC 4180 quoting, optionally behind a byte-order mark. */
    static void writeCsv(Path file, String[] header, List<String[]> rows, boolean bom) {
        try (SequenceWriter w = csvWriter(file, header, bom)) {
            for (String[] row : rows) {
                w.write(row);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    private static SequenceWriter csvWriter(Path file, String[] header, boolean bom) {
        CsvSchema.Builder schema = CsvSchema.builder();
        for (String column : header) {
            schema.addColumn(column);
        }
        try {
            Files.createDirectories(file.getParent());
            OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16);
            if (bom) {
                out.write(BOM);
            }
            Writer writer = new OutputStreamWriter(out, StandardCharsets.UTF_8);
            return CSV.writerFor(String[].class).with(schema.build().withHeader()).writeValues(writer);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }
}
