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
}
