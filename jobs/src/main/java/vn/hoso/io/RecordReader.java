package vn.hoso.io;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.catalyst.expressions.XXH64;
import org.apache.spark.unsafe.Platform;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Reads a landing file record by record, keeping the exact 1-based line number, the bytes' hash and
 * whether they are valid UTF-8 (Spark's text source would silently replace bad bytes). For CSV a record
 * may span lines inside quotes (RFC 4180); its number is that of its first line.
 *
 * <p>What cannot be a record is yielded as one with a {@link Defect} instead of failing the file: a line
 * longer than the limit (never held whole: its bytes are skipped up to the next newline), a CSV quote
 * that is not closed (its first line is yielded as the defect and the lines after it are read again),
 * and a broken gzip stream (the complete lines before the break are kept).
 */
public final class RecordReader {
    /** The default longest line, in bytes (without its newline). */
    public static final long DEFAULT_MAX_LINE_BYTES = 1 << 20;
    /**
     * The most physical lines a quoted CSV field may span: a quote still open after that many lines (or
     * after {@code maxLineBytes} bytes, or at the end of the file) is taken as a stray quote.
     */
    public static final int MAX_QUOTED_LINES = 100;

    /** Why a record could not be read as one. */
    public enum Defect {
        /** The line is longer than the limit; {@code text} is empty. */
        LINE_TOO_LONG,
        /** A CSV quote opened on this line is never closed; {@code text} is this line only. */
        UNTERMINATED_QUOTE,
        /** A gzip stream breaks (empty, truncated, not gzip) on this line; {@code text} is empty. */
        BROKEN_FILE
    }

    /**
     * One record. {@code text} is decoded with replacement characters when {@code validUtf8} is false.
     *
     * @param defect  null for a record to parse; else why it is not one, with {@code problem} saying so
     */
    public record RawRecord(long line, String text, boolean validUtf8, long hash, Defect defect, String problem) {
        public RawRecord(long line, String text, boolean validUtf8, long hash) {
            this(line, text, validUtf8, hash, null, null);
        }
    }

    /**
     * Takes each record; returns false to refuse a CSV record that spans lines (it breaks the contract), which
     * then counts as a stray quote: its first line is yielded again as {@link Defect#UNTERMINATED_QUOTE} and
     * the lines after it are read again. The return value is ignored for other records.
     */
    @FunctionalInterface
    public interface RecordSink {
        boolean test(RawRecord r);
    }

    private RecordReader() {
    }

    /** {@link #read(String, Configuration, boolean, long, Consumer)} with the default line limit. */
    public static long read(String path, Configuration conf, boolean csv, Consumer<RawRecord> sink) {
        return read(path, conf, csv, DEFAULT_MAX_LINE_BYTES, accepting(sink));
    }

    private static RecordSink accepting(Consumer<RawRecord> sink) {
        return r -> {
            sink.accept(r);
            return true;
        };
    }

    /** @return the physical lines read (every one is in exactly one record, is blank, or is a defect) */
    public static long read(String path, Configuration conf, boolean csv, long maxLineBytes, RecordSink sink) {
        Path p = new Path(path);
        boolean gz = path.endsWith(".gz");
        Splitter split = new Splitter(csv, maxLineBytes, sink);
        try (InputStream raw = p.getFileSystem(conf).open(p)) {
            try {
                pump(gz ? new GZIPInputStream(raw, 1 << 16) : raw, split);
            } catch (ZipException | EOFException e) {
                // only a gzip stream can break like this; a plain file's read errors are I/O failures
                if (!gz) {
                    throw e;
                }
                split.broken(e.getMessage());
            }
            return split.lines();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read landing file " + path + ": " + e.getMessage(), e);
        }
    }

    static long read(InputStream in, boolean csv, long maxLineBytes, RecordSink sink) throws IOException {
        Splitter split = new Splitter(csv, maxLineBytes, sink);
        pump(in, split);
        return split.lines();
    }

    static long read(InputStream in, boolean csv, Consumer<RawRecord> sink) throws IOException {
        return read(in, csv, DEFAULT_MAX_LINE_BYTES, accepting(sink));
    }

    private static void pump(InputStream in, Splitter split) throws IOException {
        byte[] buf = new byte[1 << 16];
        int n;
        while ((n = in.read(buf)) >= 0) {
            split.feed(buf, n);
        }
        split.end();
    }

    /** Cuts a byte stream into lines, then records, a buffer at a time (the hot path of every ingest). */
    private static final class Splitter {
        private final boolean csv;
        private final long max;
        private final RecordSink sink;
        /** The current physical line: at most {@code max} bytes are held; past that it is dropped. */
        private final ByteArrayOutputStream line = new ByteArrayOutputStream(1024);
        private long lineLength;
        private long lineNo;
        private boolean first = true;
        /** CSV: the lines of a record whose quoted field is still open, from line {@code pendingStart}. */
        private final List<byte[]> pending = new ArrayList<>();
        private long pendingStart;
        private long pendingBytes;
        private final Quotes quotes = new Quotes();

        Splitter(boolean csv, long max, RecordSink sink) {
            this.csv = csv;
            this.max = max;
            this.sink = sink;
        }

        long lines() {
            return lineNo;
        }

        void feed(byte[] buf, int n) {
            int segment = 0;
            for (int i = 0; i < n; i++) {
                if (buf[i] == '\n') {
                    append(buf, segment, i - segment);
                    segment = i + 1;
                    endLine();
                }
            }
            append(buf, segment, n - segment);
        }

        private void append(byte[] buf, int from, int len) {
            if (len == 0) {
                return;
            }
            lineLength += len;
            if (lineLength <= max) {
                line.write(buf, from, len);
            } else if (line.size() > 0) {
                line.reset();
            }
        }

        private void endLine() {
            lineNo++;
            long length = lineLength;
            byte[] bytes = length > max ? null : line.toByteArray();
            line.reset();
            lineLength = 0;
            if (bytes != null && first) {
                bytes = stripBom(bytes);
            }
            first = false;
            if (bytes == null) {
                // an open quoted record cannot run through a line that is not read
                flushPending("is not closed before the over-long line " + lineNo);
                sink.test(new RawRecord(lineNo, "", true, 0, Defect.LINE_TOO_LONG,
                        "line longer than " + max + " bytes (" + length + " bytes): not read"));
            } else if (csv) {
                csvLine(lineNo, bytes);
            } else {
                emit(lineNo, bytes);
            }
        }

        void end() {
            if (lineLength > 0) {
                endLine();
            }
            flushPending("is not closed by the end of the file");
        }

        /** The stream broke inside line {@code lineNo + 1}: that partial line is dropped, the ones before kept. */
        void broken(String message) {
            line.reset();
            lineLength = 0;
            flushPending("is not closed before the file breaks");
            lineNo++;
            sink.test(new RawRecord(lineNo, "", true, 0, Defect.BROKEN_FILE,
                    "the gzip stream breaks in line " + lineNo + " (" + message + "); the " + (lineNo - 1)
                            + " complete lines before it are kept, nothing after it is read"));
        }

        private void csvLine(long no, byte[] bytes) {
            if (pending.isEmpty()) {
                pendingStart = no;
                quotes.reset();
            }
            pending.add(bytes);
            pendingBytes += bytes.length;
            if (!quotes.scan(bytes)) {
                emitPending();
            } else if (pending.size() >= MAX_QUOTED_LINES || pendingBytes > max) {
                unterminated("is not closed within " + MAX_QUOTED_LINES + " lines or " + max + " bytes");
            }
        }

        private void flushPending(String where) {
            while (!pending.isEmpty()) {
                unterminated(where);
            }
        }

        /** The first pending line is a defect; the lines after it are read again as new records. */
        private void unterminated(String what) {
            long start = pendingStart;
            byte[] head = stripCr(pending.get(0));
            List<byte[]> rest = new ArrayList<>(pending.subList(1, pending.size()));
            clearPending();
            RawRecord r = decode(head, start);
            sink.test(new RawRecord(start, r.text(), r.validUtf8(), r.hash(), Defect.UNTERMINATED_QUOTE,
                    "a quoted field opened in line " + start + " " + what + "; the lines after it are read again"));
            for (int k = 0; k < rest.size(); k++) {
                csvLine(start + 1 + k, rest.get(k));
            }
        }

        private void emitPending() {
            byte[] bytes;
            if (pending.size() == 1) {
                bytes = pending.get(0);
            } else {
                ByteArrayOutputStream joined = new ByteArrayOutputStream((int) pendingBytes + pending.size());
                for (int k = 0; k < pending.size(); k++) {
                    if (k > 0) {
                        joined.write('\n');
                    }
                    joined.writeBytes(pending.get(k));
                }
                bytes = joined.toByteArray();
            }
            bytes = stripCr(bytes);
            if (isBlank(bytes)) {
                clearPending();
                return;
            }
            long end = pendingStart + pending.size() - 1;
            if (sink.test(decode(bytes, pendingStart)) || pending.size() == 1) {
                clearPending();
            } else {
                // a quote that spans lines and makes no valid record is taken as a stray quote
                unterminated("runs to line " + end + " and the record it makes breaks the contract");
            }
        }

        private void clearPending() {
            pending.clear();
            pendingBytes = 0;
        }

        private void emit(long start, byte[] raw) {
            byte[] bytes = stripCr(raw);
            if (!isBlank(bytes)) {
                sink.test(decode(bytes, start));
            }
        }
    }

    /**
     * RFC 4180 quoting as Jackson's CSV parser reads it: a quote opens a quoted field only as the field's
     * first character, {@code ""} inside is a quote, and any other quote closes it.
     */
    private static final class Quotes {
        private boolean inQuotes;
        private boolean quoteSeen;
        private boolean fieldStart = true;

        void reset() {
            inQuotes = false;
            quoteSeen = false;
            fieldStart = true;
        }

        /** @return whether a quoted field is still open at the end of this line (the newline is inside it) */
        boolean scan(byte[] b) {
            for (byte c : b) {
                if (inQuotes) {
                    if (!quoteSeen) {
                        quoteSeen = c == '"';
                        continue;
                    }
                    quoteSeen = false;
                    if (c == '"') {
                        continue;
                    }
                    inQuotes = false;
                }
                if (c == ',') {
                    fieldStart = true;
                } else {
                    inQuotes = c == '"' && fieldStart;
                    fieldStart = false;
                }
            }
            if (quoteSeen) {
                quoteSeen = false;
                inQuotes = false;
            }
            return inQuotes;
        }
    }

    private static RawRecord decode(byte[] bytes, long line) {
        long hash = XXH64.hashUnsafeBytes(bytes, Platform.BYTE_ARRAY_OFFSET, bytes.length, HASH_SEED);
        // for well-formed bytes, new String(...) is exactly the strict decoding; otherwise it has U+FFFD
        return new RawRecord(line, new String(bytes, StandardCharsets.UTF_8), isWellFormedUtf8(bytes), hash);
    }

    /** The 64-bit xxHash of a record's bytes (Spark's own implementation; the seed is arbitrary and fixed). */
    private static final long HASH_SEED = 0x686f736fL;

    /**
     * Whether the bytes are well-formed UTF-8 (RFC 3629: shortest form, no surrogates, at most U+10FFFF),
     * i.e. what a strict decoder accepts. A byte loop: the ingest runs it on every landing line.
     */
    static boolean isWellFormedUtf8(byte[] b) {
        int i = 0;
        int n = b.length;
        while (i < n) {
            int c = b[i] & 0xff;
            if (c < 0x80) {
                i++;
                continue;
            }
            int need;
            int lo = 0x80;
            int hi = 0xBF;
            if (c >= 0xC2 && c <= 0xDF) {
                need = 1;
            } else if (c >= 0xE0 && c <= 0xEF) {
                need = 2;
                if (c == 0xE0) {
                    lo = 0xA0;
                } else if (c == 0xED) {
                    hi = 0x9F;
                }
            } else if (c >= 0xF0 && c <= 0xF4) {
                need = 3;
                if (c == 0xF0) {
                    lo = 0x90;
                } else if (c == 0xF4) {
                    hi = 0x8F;
                }
            } else {
                return false;
            }
            if (i + need >= n) {
                return false;
            }
            int second = b[i + 1] & 0xff;
            if (second < lo || second > hi) {
                return false;
            }
            for (int k = 2; k <= need; k++) {
                int cont = b[i + k] & 0xff;
                if (cont < 0x80 || cont > 0xBF) {
                    return false;
                }
            }
            i += need + 1;
        }
        return true;
    }

    private static byte[] stripCr(byte[] b) {
        return b.length > 0 && b[b.length - 1] == '\r' ? java.util.Arrays.copyOf(b, b.length - 1) : b;
    }

    private static byte[] stripBom(byte[] b) {
        if (b.length >= 3 && (b[0] & 0xff) == 0xEF && (b[1] & 0xff) == 0xBB && (b[2] & 0xff) == 0xBF) {
            return java.util.Arrays.copyOfRange(b, 3, b.length);
        }
        return b;
    }

    private static boolean isBlank(byte[] b) {
        for (byte x : b) {
            if (x != ' ' && x != '\t') {
                return false;
            }
        }
        return true;
    }
}
