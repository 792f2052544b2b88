package vn.hoso.io;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.catalyst.expressions.XXH64;
import org.apache.spark.unsafe.Platform;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;
import java.util.zip.GZIPInputStream;

/**
 * Reads a landing file record by record, keeping the exact 1-based line number, the bytes' hash and
 * whether they are valid UTF-8 (Spark's text source would silently replace bad bytes). For CSV a record
 * may span lines inside quotes (RFC 4180); its number is that of its first line.
 */
public final class RecordReader {
    /** One record. {@code text} is decoded with replacement characters when {@code validUtf8} is false. */
    public record RawRecord(long line, String text, boolean validUtf8, long hash) {
    }

    private RecordReader() {
    }

    public static void read(String path, Configuration conf, boolean csv, Consumer<RawRecord> sink) {
        Path p = new Path(path);
        try (InputStream raw = p.getFileSystem(conf).open(p);
             InputStream in = new BufferedInputStream(path.endsWith(".gz") ? new GZIPInputStream(raw, 1 << 16) : raw, 1 << 16)) {
            read(in, csv, sink);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read landing file " + path + ": " + e.getMessage(), e);
        }
    }

    static void read(InputStream in, boolean csv, Consumer<RawRecord> sink) throws IOException {
        Splitter split = new Splitter(csv, sink);
        byte[] buf = new byte[1 << 16];
        int n;
        while ((n = in.read(buf)) >= 0) {
            split.feed(buf, n);
        }
        split.end();
    }

    /** Cuts a byte stream into records, a buffer at a time (the hot path of every ingest). */
    private static final class Splitter {
        private final boolean csv;
        private final Consumer<RawRecord> sink;
        private final ByteArrayOutputStream record = new ByteArrayOutputStream(1024);
        private long lineNo;
        private long recordStart;
        private int quotes;
        private boolean first = true;

        Splitter(boolean csv, Consumer<RawRecord> sink) {
            this.csv = csv;
            this.sink = sink;
        }

        void feed(byte[] buf, int n) {
            int segment = 0;
            for (int i = 0; i < n; i++) {
                byte c = buf[i];
                if (c == '"') {
                    quotes++;
                } else if (c == '\n') {
                    record.write(buf, segment, i - segment);
                    segment = i + 1;
                    lineNo++;
                    if (recordStart == 0) {
                        recordStart = lineNo;
                    }
                    if (csv && quotes % 2 == 1) {
                        record.write('\n');
                        continue;
                    }
                    emit();
                }
            }
            record.write(buf, segment, n - segment);
        }

        void end() {
            if (record.size() == 0) {
                return;
            }
            lineNo++;
            if (recordStart == 0) {
                recordStart = lineNo;
            }
            emit();
        }

        private void emit() {
            byte[] bytes = stripCr(record.toByteArray());
            if (first) {
                bytes = stripBom(bytes);
                first = false;
            }
            if (!isBlank(bytes)) {
                sink.accept(decode(bytes, recordStart));
            }
            record.reset();
            recordStart = 0;
            quotes = 0;
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
