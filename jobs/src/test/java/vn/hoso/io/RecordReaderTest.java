package vn.hoso.io;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Record splitting: exact line numbers, BOM and CR, quoted CSV line breaks, bad UTF-8, buffer edges. */
class RecordReaderTest {
    private static List<RecordReader.RawRecord> read(byte[] bytes, boolean csv) throws IOException {
        List<RecordReader.RawRecord> out = new ArrayList<>();
        RecordReader.read(new ByteArrayInputStream(bytes), csv, out::add);
        return out;
    }

    private static List<RecordReader.RawRecord> read(byte[] bytes, boolean csv, long max) throws IOException {
        List<RecordReader.RawRecord> out = new ArrayList<>();
        RecordReader.read(new ByteArrayInputStream(bytes), csv, max, r -> out.add(r));
        return out;
    }

    private static List<RecordReader.RawRecord> read(String text, boolean csv) throws IOException {
        return read(text.getBytes(StandardCharsets.UTF_8), csv);
    }

    /** line:text, or line:DEFECT for a defect. */
    private static List<String> described(List<RecordReader.RawRecord> rs) {
        return rs.stream().map(r -> r.line() + ":" + (r.defect() == null ? r.text() : r.defect().name())).toList();
    }

    private static List<String> texts(List<RecordReader.RawRecord> rs) {
        return rs.stream().map(r -> r.line() + ":" + r.text()).toList();
    }

    @Test
    void linesKeepTheirNumbersAcrossBlankLinesBomAndCrlf() throws IOException {
        byte[] in = "\uFEFF{\"a\":1}\r\n\n  \n{\"b\":2}\n{\"c\":3}".getBytes(StandardCharsets.UTF_8);
        assertThat(texts(read(in, false))).containsExactly("1:{\"a\":1}", "4:{\"b\":2}", "5:{\"c\":3}");
    }

    @Test
    void aQuotedCsvFieldMaySpanLinesAndTheRecordKeepsItsFirstLine() throws IOException {
        byte[] in = "id,note\n1,\"two\nlines\"\n2,\"a \"\"quote\"\"\"\n3,x\n".getBytes(StandardCharsets.UTF_8);
        assertThat(texts(read(in, true))).containsExactly("1:id,note", "2:1,\"two\nlines\"", "4:2,\"a \"\"quote\"\"\"", "5:3,x");
        assertThat(texts(read(in, false))).as("JSON lines do not join on quotes").hasSize(5);
    }

    @Test
    void invalidUtf8IsFlaggedAndTheHashIsOfTheBytes() throws IOException {
        byte[] in = {'o', 'k', '\n', 'b', (byte) 0xC3, '(', '\n', 'o', 'k', '\n'};
        List<RecordReader.RawRecord> rs = read(in, false);
        assertThat(rs).extracting(RecordReader.RawRecord::validUtf8).containsExactly(true, false, true);
        assertThat(rs.get(0).hash()).isEqualTo(rs.get(2).hash()).isNotEqualTo(rs.get(1).hash());
    }

    @Test
    void recordsAcrossBufferBoundariesAreWhole() throws IOException {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        List<String> expected = new ArrayList<>();
        for (int i = 1; i <= 5000; i++) {
            String line = "{\"n\":" + i + ",\"pad\":\"" + "x".repeat(i % 97) + "\"}";
            all.writeBytes((line + "\n").getBytes(StandardCharsets.UTF_8));
            expected.add(i + ":" + line);
        }
        String big = "y".repeat(200_000);
        all.writeBytes(("\"" + big + "\nz\"").getBytes(StandardCharsets.UTF_8));
        expected.add("5001:\"" + big);
        expected.add("5002:z\"");
        assertThat(texts(read(all.toByteArray(), false))).containsExactlyElementsOf(expected);
        List<RecordReader.RawRecord> csv = read(all.toByteArray(), true);
        assertThat(csv).hasSize(5001);
        assertThat(csv.get(5000).line()).isEqualTo(5001);
        assertThat(csv.get(5000).text()).isEqualTo("\"" + big + "\nz\"");
    }

    @Test
    void theUtf8CheckAcceptsExactlyWhatTheJdkStrictDecoderAccepts() {
        java.util.Random random = new java.util.Random(42);
        byte[][] edges = {
                {}, {'a'}, {(byte) 0xC2, (byte) 0x80}, {(byte) 0xC1, (byte) 0xBF}, {(byte) 0xE0, (byte) 0x9F, (byte) 0x80},
                {(byte) 0xE0, (byte) 0xA0, (byte) 0x80}, {(byte) 0xED, (byte) 0x9F, (byte) 0xBF}, {(byte) 0xED, (byte) 0xA0, (byte) 0x80},
                {(byte) 0xF0, (byte) 0x8F, (byte) 0xBF, (byte) 0xBF}, {(byte) 0xF0, (byte) 0x90, (byte) 0x80, (byte) 0x80},
                {(byte) 0xF4, (byte) 0x8F, (byte) 0xBF, (byte) 0xBF}, {(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80},
                {(byte) 0xF5, (byte) 0x80, (byte) 0x80, (byte) 0x80}, {(byte) 0xE1, (byte) 0x80}, {(byte) 0x80}, {(byte) 0xFF},
                "Thủ tục đăng ký khai sinh".getBytes(StandardCharsets.UTF_8), "😀".getBytes(StandardCharsets.UTF_8)};
        List<byte[]> cases = new ArrayList<>(List.of(edges));
        byte[] vietnamese = "Nguyễn Thị Hồng Nhung, Sở Tư pháp tỉnh Bình Định — 😀".getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < 20_000; i++) {
            byte[] b;
            if (i % 2 == 0) {
                b = new byte[random.nextInt(8)];
                for (int k = 0; k < b.length; k++) {
                    // mostly bytes around the multi-byte boundaries
                    int[] interesting = {0x00, 0x41, 0x7F, 0x80, 0x8F, 0x90, 0x9F, 0xA0, 0xBF, 0xC0, 0xC1, 0xC2, 0xDF, 0xE0,
                            0xE1, 0xEC, 0xED, 0xEE, 0xEF, 0xF0, 0xF1, 0xF3, 0xF4, 0xF5, 0xFF};
                    b[k] = (byte) (random.nextInt(4) == 0 ? random.nextInt(256) : interesting[random.nextInt(interesting.length)]);
                }
            } else {
                b = vietnamese.clone();
                int at = random.nextInt(b.length);
                b[at] = (byte) random.nextInt(256);
                if (random.nextBoolean()) {
                    b = java.util.Arrays.copyOf(b, random.nextInt(b.length + 1));
                }
            }
            cases.add(b);
        }
        for (byte[] b : cases) {
            boolean jdk;
            try {
                StandardCharsets.UTF_8.newDecoder().onMalformedInput(java.nio.charset.CodingErrorAction.REPORT)
                        .onUnmappableCharacter(java.nio.charset.CodingErrorAction.REPORT).decode(java.nio.ByteBuffer.wrap(b));
                jdk = true;
            } catch (java.nio.charset.CharacterCodingException e) {
                jdk = false;
            }
            assertThat(RecordReader.isWellFormedUtf8(b)).as(java.util.HexFormat.of().formatHex(b)).isEqualTo(jdk);
        }
    }

    @Test
    void aLineOverTheLimitIsQuarantinedUnreadAndReadingGoesOnAtTheNextLine() throws IOException {
        String sixteen = "{\"a\":\"0123456\"}";
        assertThat(sixteen).hasSize(15);
        byte[] in = (sixteen + "x\n" + sixteen + "xy\n{}\n" + "z".repeat(40)).getBytes(StandardCharsets.UTF_8);
        List<RecordReader.RawRecord> rs = read(in, false, 16);
        assertThat(described(rs)).containsExactly("1:" + sixteen + "x", "2:LINE_TOO_LONG", "3:{}", "4:LINE_TOO_LONG");
        assertThat(rs.get(1).text()).as("nothing of an over-long line is kept").isEmpty();
        assertThat(rs.get(1).problem()).contains("longer than 16 bytes").contains("17 bytes");
        assertThat(described(read(in, true, 16))).as("CSV alike").containsExactly("1:" + sixteen + "x", "2:LINE_TOO_LONG", "3:{}",
                "4:LINE_TOO_LONG");
        assertThat(described(read(("ok\n" + "y".repeat(2_000_000) + "\nok").getBytes(StandardCharsets.UTF_8), false)))
                .as("the default limit is 1 MiB").containsExactly("1:ok", "2:LINE_TOO_LONG", "3:ok");
    }

    @Test
    void anOverLongLineIsNeverHeldWhole() throws IOException {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
        long line = 64L << 20;
        java.io.InputStream huge = new java.io.InputStream() {
            private long left = line;

            @Override
            public int read() {
                return left-- > 0 ? 'x' : -1;
            }

            @Override
            public int read(byte[] b, int off, int len) {
                if (left <= 0) {
                    return -1;
                }
                int n = (int) Math.min(len, left);
                java.util.Arrays.fill(b, off, off + n, (byte) 'x');
                left -= n;
                return n;
            }
        };
        List<RecordReader.RawRecord> out = new ArrayList<>();
        long before = threads.getCurrentThreadAllocatedBytes();
        long lines = RecordReader.read(huge, false, 1 << 20, r -> out.add(r));
        long allocated = threads.getCurrentThreadAllocatedBytes() - before;
        assertThat(lines).isEqualTo(1);
        assertThat(described(out)).containsExactly("1:LINE_TOO_LONG");
        assertThat(allocated).as("bytes allocated reading a 64 MiB line with a 1 MiB limit").isLessThan(8L << 20);
    }

    @Test
    void aStrayQuoteIsQuarantinedAndTheLinesAfterItAreReadAgain() throws IOException {
        String file = "MaHoSo,ThoiDiemDanhGia,MucDoHaiLong\nR1,20240304100000,1\n\"R2,20240304100000,2\nR3,20240304100000,3\n"
                + "R4,20240304100000,2\nR5,20240304100000,1\n";
        List<RecordReader.RawRecord> rs = read(file, true);
        assertThat(described(rs)).containsExactly("1:MaHoSo,ThoiDiemDanhGia,MucDoHaiLong", "2:R1,20240304100000,1",
                "3:UNTERMINATED_QUOTE", "4:R3,20240304100000,3", "5:R4,20240304100000,2", "6:R5,20240304100000,1");
        assertThat(rs.get(2).text()).as("the defect keeps its own line only").isEqualTo("\"R2,20240304100000,2");
        assertThat(rs.get(2).problem()).contains("line 3").contains("end of the file");
        assertThat(RecordReader.read(new ByteArrayInputStream(file.getBytes(StandardCharsets.UTF_8)), true, r -> { }))
                .as("physical lines, counted apart from records").isEqualTo(6);
    }

    @Test
    void aQuoteOpenForMoreThanTheLineLimitIsStrayButAShorterQuotedFieldIsKept() throws IOException {
        StringBuilder file = new StringBuilder("id,note\n1,\"open\n");
        for (int i = 0; i < RecordReader.MAX_QUOTED_LINES + 5; i++) {
            file.append("r").append(i).append(",x\n");
        }
        file.append("2,\"a\nb\"\n");
        List<RecordReader.RawRecord> rs = read(file.toString(), true);
        assertThat(rs.get(1).line()).isEqualTo(2);
        assertThat(rs.get(1).defect()).isEqualTo(RecordReader.Defect.UNTERMINATED_QUOTE);
        assertThat(rs.get(1).problem()).contains("within " + RecordReader.MAX_QUOTED_LINES + " lines");
        assertThat(rs.subList(2, rs.size() - 1)).extracting(RecordReader.RawRecord::defect).containsOnlyNulls();
        assertThat(rs.subList(2, rs.size() - 1)).extracting(RecordReader.RawRecord::line)
                .containsExactlyElementsOf(java.util.stream.LongStream.rangeClosed(3, RecordReader.MAX_QUOTED_LINES + 7).boxed().toList());
        assertThat(rs.get(rs.size() - 1).text()).isEqualTo("2,\"a\nb\"");
    }

    @Test
    void aMultiLineRecordTheSinkRefusesIsReadAgainLineByLine() throws IOException {
        // R2's stray quote is closed by another stray quote on R4's line: RFC 4180 makes one record of
        // three lines; when its columns are wrong the sink refuses it and the lines are read again
        String file = "h\n\"R2,a\nR3,b\nR4\",c\nR5,d\n";
        List<String> seen = new ArrayList<>();
        RecordReader.read(new ByteArrayInputStream(file.getBytes(StandardCharsets.UTF_8)), true, 1 << 20, r -> {
            seen.add(r.line() + ":" + (r.defect() == null ? r.text() : r.defect().name()));
            return r.text().indexOf('\n') < 0;
        });
        assertThat(seen).containsExactly("1:h", "2:\"R2,a\nR3,b\nR4\",c", "2:UNTERMINATED_QUOTE", "3:R3,b", "4:R4\",c", "5:R5,d");
    }

    @Test
    void aBrokenGzipFileYieldsOneDefectAtTheLineWhereItBreaksAndKeepsTheLinesBefore(@org.junit.jupiter.api.io.TempDir java.nio.file.Path tmp)
            throws IOException {
        StringBuilder text = new StringBuilder();
        for (int i = 1; i <= 3000; i++) {
            text.append("{\"n\":").append(i).append(",\"v\":\"").append(Integer.toHexString(i * 40503)).append("\"}\n");
        }
        ByteArrayOutputStream gz = new ByteArrayOutputStream();
        try (java.util.zip.GZIPOutputStream z = new java.util.zip.GZIPOutputStream(gz)) {
            z.write(text.toString().getBytes(StandardCharsets.UTF_8));
        }
        byte[] whole = gz.toByteArray();
        Map<String, byte[]> files = new java.util.LinkedHashMap<>();
        files.put("cut.jsonl.gz", java.util.Arrays.copyOf(whole, whole.length / 2));
        files.put("empty.jsonl.gz", new byte[0]);
        files.put("plain.jsonl.gz", "{\"n\":1}\n".getBytes(StandardCharsets.UTF_8));
        files.put("no-trailer.jsonl.gz", java.util.Arrays.copyOf(whole, whole.length - 4));
        files.put("whole.jsonl.gz", whole);
        Map<String, List<RecordReader.RawRecord>> read = new java.util.HashMap<>();
        for (var f : files.entrySet()) {
            java.nio.file.Path p = tmp.resolve(f.getKey());
            java.nio.file.Files.write(p, f.getValue());
            List<RecordReader.RawRecord> out = new ArrayList<>();
            long lines = RecordReader.read(p.toString(), new org.apache.hadoop.conf.Configuration(), false, out::add);
            assertThat(lines).as(f.getKey()).isEqualTo(out.size());
            read.put(f.getKey(), out);
        }
        List<RecordReader.RawRecord> cut = read.get("cut.jsonl.gz");
        RecordReader.RawRecord last = cut.get(cut.size() - 1);
        assertThat(last.defect()).isEqualTo(RecordReader.Defect.BROKEN_FILE);
        assertThat(last.line()).isEqualTo(cut.size()).isBetween(2L, 2999L);
        assertThat(last.problem()).contains("line " + last.line()).contains((last.line() - 1) + " complete lines");
        for (int i = 0; i < cut.size() - 1; i++) {
            assertThat(cut.get(i).text()).as("complete lines before the break").startsWith("{\"n\":" + (i + 1) + ",").endsWith("\"}");
        }
        assertThat(described(read.get("empty.jsonl.gz"))).containsExactly("1:BROKEN_FILE");
        assertThat(described(read.get("plain.jsonl.gz"))).containsExactly("1:BROKEN_FILE");
        assertThat(read.get("plain.jsonl.gz").get(0).problem()).contains("Not in GZIP format");
        assertThat(read.get("no-trailer.jsonl.gz")).hasSize(3001);
        assertThat(read.get("no-trailer.jsonl.gz").get(3000).defect()).isEqualTo(RecordReader.Defect.BROKEN_FILE);
        assertThat(read.get("whole.jsonl.gz")).hasSize(3000).extracting(RecordReader.RawRecord::defect).containsOnlyNulls();
    }
}
