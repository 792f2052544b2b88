package vn.hoso.io;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Record splitting: exact line numbers, BOM and CR, quoted CSV line breaks, bad UTF-8, buffer edges. */
class RecordReaderTest {
    private static List<RecordReader.RawRecord> read(byte[] bytes, boolean csv) throws IOException {
        List<RecordReader.RawRecord> out = new ArrayList<>();
        RecordReader.read(new ByteArrayInputStream(bytes), csv, out::add);
        return out;
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
}
