package vn.hoso.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.hoso.Fixtures;
import vn.hoso.contract.Contract;
import vn.hoso.contract.CsvRecordParser;
import vn.hoso.contract.DossierParser;
import vn.hoso.contract.FieldSpec;
import vn.hoso.contract.Pseudonymiser;
import vn.hoso.contract.Timestamps;
import vn.hoso.io.LandingZone;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.zip.GZIPOutputStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A property test of the reader and parsers (seeded, so every run sees the same cases): random JSON values
 * in every field, random bytes, random splits and byte edits of valid lines, over-long lines, duplicate
 * keys, stray CSV quotes. Every line must end as exactly one staging row (accepted or quarantined), nothing
 * may throw, an accepted row must satisfy the contract, and no digit run of 9+ or listed personal value may
 * reach a parsed column, nor the quarantine text (reason and masked line).
 */
class ParserPropertyTest {
    private static final long SEED = 20261201L;
    private static final LocalDate DAY = LocalDate.of(2024, 3, 4);
    private static final int MAX_LINE = 4096;
    private static final String ADDRESS = "12 Lê Lợi, phường Quy Nhơn";
    /** The personal values the generator plants; none may reach a parsed column. */
    private static final List<String> PERSONAL = List.of(Fixtures.CCCD, Fixtures.NAME, Fixtures.PHONE, Fixtures.EMAIL, ADDRESS,
            "079203001234", "Trần Thị Bích", "an.tran@example.com", "0987654321");
    /** Names and addresses: not caught by any pattern, so only by keeping no values but the contract's own. */
    private static final List<String> NAMES = List.of(Fixtures.NAME, ADDRESS, "Trần Thị Bích");
    private static final Pattern LONG_DIGITS = Pattern.compile("\\d{9,}");
    private static final Pattern HEX_KEY = Pattern.compile("[0-9a-f]{64}");
    private static final Instant FIRST = LocalDateTime.of(Timestamps.MIN_YEAR, 1, 1, 0, 0).atZone(Timestamps.VIETNAM).toInstant();
    private static final Instant LAST = LocalDateTime.of(Timestamps.MAX_YEAR + 1, 1, 1, 0, 0).atZone(Timestamps.VIETNAM).toInstant();
    private static final Instant EVENT_LIMIT = DAY.plusDays(2).atStartOfDay(Timestamps.VIETNAM).toInstant();

    @TempDir
    Path tmp;

    private final Random random = new Random(SEED);
    private final JsonNodeFactory json = JsonNodeFactory.instance;
    private final List<FieldSpec> fields = Contract.dossierFields();
    private final DossierParser parser = new DossierParser(fields, new Pseudonymiser("property-secret"));
    private final List<String> failures = new ArrayList<>();

    @Test
    void everyDossierLineIsOneRowAcceptedWithinTheContractOrQuarantined() throws IOException {
        int accepted = 0;
        int quarantined = 0;
        int intactAccepted = 0;
        for (int file = 0; file < 30; file++) {
            List<byte[]> lines = new ArrayList<>();
            Set<Integer> intact = new HashSet<>();
            for (int i = 0; i < 80; i++) {
                addDossierLines(lines, intact);
            }
            boolean gz = file % 5 == 4;
            Path p = tmp.resolve("dossiers-" + file + (gz ? ".jsonl.gz" : ".jsonl"));
            Files.write(p, gz ? gzip(join(lines)) : join(lines));
            FeedReader.Input in = new FeedReader.Input(new LandingZone.SourceFile(p.toString(), p.getFileName().toString()), DAY);
            List<Row> rows = FeedReader.dossierRows(in, new Configuration(), parser, MAX_LINE);

            int width = parser.columns().size();
            assertThat(rows.stream().map(r -> r.getLong(width + 2)).toList()).as("one row per non-blank line, in order")
                    .containsExactlyElementsOf(nonBlankLines(lines));
            for (Row r : rows) {
                long line = r.getLong(width + 2);
                if (r.isNullAt(width + 4)) {
                    accepted++;
                    checkAccepted(r, line);
                    intactAccepted += intact.contains((int) line) ? 1 : 0;
                } else {
                    quarantined++;
                    for (int c = 0; c < width; c++) {
                        assertThat(r.isNullAt(c)).as("a quarantined row has no values").isTrue();
                    }
                    checkQuarantineText(r.getString(width + 5), r.isNullAt(width + 6) ? null : r.getString(width + 6), line);
                }
            }
            assertThat(intact.stream().filter(i -> rows.stream().noneMatch(r -> r.getLong(width + 2) == i && r.isNullAt(width + 4))))
                    .as("unchanged valid lines are accepted").isEmpty();
        }
        assertThat(failures).as("contract or personal-data violations").isEmpty();
        assertThat(accepted).as("the generator makes lines to accept").isGreaterThan(500);
        assertThat(quarantined).as("and lines to quarantine").isGreaterThan(500);
        assertThat(intactAccepted).isGreaterThan(100);
    }

    @Test
    void everyRatingsLineIsReadAndCountedWhateverItsQuotes() throws IOException {
        CsvRecordParser ratings = new CsvRecordParser("ratings", Contract.csvColumns("ratings"), new Pseudonymiser("property-secret"));
        int accepted = 0;
        for (int file = 0; file < 20; file++) {
            List<byte[]> lines = new ArrayList<>();
            lines.add("MaHoSo,ThoiDiemDanhGia,MucDoHaiLong".getBytes(StandardCharsets.UTF_8));
            List<Integer> plain = new ArrayList<>();
            for (int i = 0; i < 100; i++) {
                String id = random.nextInt(10) == 0 ? pick(PERSONAL) : "H" + random.nextInt(100_000);
                String at = random.nextInt(10) == 0 ? timestampText() : "202403041" + random.nextInt(10) + "0000";
                String rating = random.nextInt(10) == 0 ? text() : String.valueOf(1 + random.nextInt(3));
                String row = switch (random.nextInt(12)) {
                    case 0 -> "\"" + id + "," + at + "," + rating;
                    case 1 -> id + "\"," + at + "," + rating;
                    case 2 -> "\"" + id + "\"," + at + ",\"" + rating + "\"";
                    case 3 -> "\"" + id + "\n" + id + "\"," + at + "," + rating;
                    case 4 -> new String(randomBytes(), StandardCharsets.UTF_8);
                    default -> id + "," + at + "," + rating;
                };
                if (row.startsWith(id + ",") && LONG_DIGITS.matcher(id).find() == false && id.startsWith("H")) {
                    plain.add(lines.size() + 1);
                }
                for (String part : row.split("\n", -1)) {
                    lines.add(part.getBytes(StandardCharsets.UTF_8));
                }
            }
            Path p = tmp.resolve("ratings-" + file + ".csv");
            Files.write(p, join(lines));
            FeedReader.Input in = new FeedReader.Input(new LandingZone.SourceFile(p.toString(), p.getFileName().toString()), DAY);
            List<Row> rows = FeedReader.csvRows(in, new Configuration(), ratings, MAX_LINE);
            int width = ratings.columns().size();
            Set<Long> seen = new TreeSet<>();
            for (Row r : rows) {
                assertThat(seen.add(r.getLong(width + 2))).as("one row per record start").isTrue();
                if (r.isNullAt(width + 4)) {
                    accepted++;
                    String id = r.getString(0);
                    assertThat(id).isNotBlank();
                    assertThat(LONG_DIGITS.matcher(id).find()).as("no digit run of 9+ in MaHoSo %s", id).isFalse();
                    assertThat(r.getLong(2)).isBetween(1L, 3L);
                    Instant at = (Instant) r.get(1);
                    assertThat(at).isBetween(FIRST, EVENT_LIMIT);
                } else {
                    checkQuarantineText(r.getString(width + 5), r.isNullAt(width + 6) ? null : r.getString(width + 6), r.getLong(width + 2));
                }
            }
            for (int line : plain) {
                // a well-formed rating line right after a stray quote is read again, never swallowed
                boolean afterOpen = seen.stream().noneMatch(l -> l == line);
                if (afterOpen) {
                    failures.add("ratings line " + line + " of file " + file + " is not its own record");
                }
            }
        }
        assertThat(failures).isEmpty();
        assertThat(accepted).isGreaterThan(1000);
    }

    private void checkAccepted(Row r, long line) {
        String where = "line " + line + ": ";
        List<Object[]> values = new ArrayList<>();
        for (int c = 0; c < parser.columns().size(); c++) {
            String column = parser.columns().get(c).name();
            if (r.get(c) instanceof Row[] items) {
                for (Row row : items) {
                    for (int k = 0; k < row.size(); k++) {
                        values.add(new Object[]{column + "[]", row.get(k)});
                    }
                }
            } else {
                values.add(new Object[]{column, r.get(c)});
            }
        }
        for (Object[] cv : values) {
            String column = (String) cv[0];
            Object v = cv[1];
            if (v instanceof String s && !column.equals("SoGiayToChuHoSo")) {
                if (LONG_DIGITS.matcher(s).find()) {
                    failures.add(where + column + " holds a digit run of 9+: " + s);
                }
                for (String personal : PERSONAL) {
                    if (s.contains(personal)) {
                        failures.add(where + column + " holds a personal value");
                    }
                }
            }
            if (v instanceof Instant t && (t.isBefore(FIRST) || !t.isBefore(LAST))) {
                failures.add(where + column + " = " + t + " is outside the years");
            }
        }
        String id = (String) col(r, "MaHoSo");
        check(id != null && !id.isBlank(), where + "MaHoSo");
        check(Pattern.matches("^[12]\\.\\d{6}(\\.[A-Z0-9]+)?$", (String) col(r, "MaTTHC")), where + "MaTTHC");
        check(col(r, "DonViXuLy") != null, where + "DonViXuLy");
        long status = (Long) col(r, "TrangThaiHoSo");
        check(status >= 1 && status <= 10, where + "TrangThaiHoSo " + status);
        Object channel = col(r, "KenhThucHien");
        check(channel == null || Set.of(1L, 2L, 3L).contains(channel), where + "KenhThucHien");
        String key = (String) col(r, "SoGiayToChuHoSo");
        check(key == null || HEX_KEY.matcher(key).matches(), where + "SoGiayToChuHoSo");
        if (col(r, "DanhSachLePhi") instanceof Row[] fees) {
            for (Row fee : fees) {
                Object gia = fee.get(1);
                check(gia == null || (Double.isFinite((Double) gia) && (Double) gia >= 0), where + "Gia " + gia);
            }
        }
        for (String event : List.of("ThoiDiemDongBo", "NgayNopHoSo", "NgayTiepNhan", "NgayKetThucXuLy", "NgayTra", "NgayTuChoi",
                "NgayNhanHoSoGiay")) {
            Instant t = (Instant) col(r, event);
            check(t == null || t.isBefore(EVENT_LIMIT), where + event + " after the run date + 1");
        }
        Instant received = (Instant) col(r, "NgayTiepNhan");
        Instant finished = (Instant) col(r, "NgayKetThucXuLy");
        check(received == null || finished == null || !finished.isBefore(received), where + "finished before received");
    }

    private Object col(Row r, String column) {
        return r.get(parser.columns().stream().map(FieldSpec::name).toList().indexOf(column));
    }

    /** No digit run of 9+, no listed e-mail, phone, ID, name or address in the reason or the masked line. */
    private void checkQuarantineText(String reason, String raw, long line) {
        check(reason != null && !reason.isBlank(), "line " + line + ": no reason");
        String[] columns = {"reason", "raw_masked"};
        String[] texts = {reason, raw};
        for (int i = 0; i < texts.length; i++) {
            String text = texts[i];
            String where = "line " + line + ": " + columns[i];
            if (text == null) {
                continue;
            }
            check(!LONG_DIGITS.matcher(text).find(), where + " holds a digit run of 9+");
            check(!text.contains(Fixtures.EMAIL) && !text.contains(Fixtures.PHONE) && !text.contains(Fixtures.CCCD),
                    where + " holds an e-mail, phone or ID");
            NAMES.forEach(n -> check(!text.contains(n), where + " holds a name or address"));
        }
    }

    private void check(boolean ok, String what) {
        if (!ok && failures.size() < 50) {
            failures.add(what);
        }
    }

    // ---- generators

    private void addDossierLines(List<byte[]> lines, Set<Integer> intact) {
        ObjectNode d = Fixtures.dossier("P" + random.nextInt(1_000_000), "2024030" + (1 + random.nextInt(4)) + "090000",
                1 + random.nextInt(10));
        switch (random.nextInt(10)) {
            case 0 -> lines.add(randomBytes());
            case 1 -> {
                byte[] line = Fixtures.line(d).getBytes(StandardCharsets.UTF_8);
                int cut = 1 + random.nextInt(line.length - 1);
                lines.add(java.util.Arrays.copyOf(line, cut));
                lines.add(java.util.Arrays.copyOfRange(line, cut, line.length));
            }
            case 2 -> {
                byte[] line = Fixtures.line(d).getBytes(StandardCharsets.UTF_8);
                int at = random.nextInt(line.length);
                line[at] = (byte) (random.nextBoolean() ? random.nextInt(256) : "\"{}[],:\\0 ".charAt(random.nextInt(10)));
                lines.add(line[at] == '\n' ? new byte[]{'x'} : line);
            }
            case 3 -> {
                String field = pick(fields).name();
                lines.add(("{\"" + field + "\":" + jsonText(random(2)) + "," + Fixtures.line(d).substring(1))
                        .getBytes(StandardCharsets.UTF_8));
            }
            case 4 -> lines.add(("{\"MaHoSo\":\"" + "x".repeat(MAX_LINE) + "\"}").getBytes(StandardCharsets.UTF_8));
            case 5 -> {
                if (random.nextInt(4) == 0) {
                    // a long personal value in a line that is quarantined (issue 16 item 10)
                    lines.add(Fixtures.line(d.put("ChuHoSo", "Nguyễn Văn ".repeat(200)).put("TrangThaiHoSo", 99))
                            .getBytes(StandardCharsets.UTF_8));
                    return;
                }
                intact.add(lines.size() + 1);
                lines.add(Fixtures.line(d).getBytes(StandardCharsets.UTF_8));
            }
            default -> {
                int changes = 1 + random.nextInt(3);
                for (int k = 0; k < changes; k++) {
                    String field = random.nextInt(8) == 0 ? pick(List.of("GhiChu", "NguoiNopThay", "chuHoSo", "DIACHI"))
                            : pick(fields).name();
                    if (random.nextInt(6) == 0) {
                        d.remove(field);
                    } else {
                        d.set(field, random(3));
                    }
                }
                lines.add(Fixtures.line(d).getBytes(StandardCharsets.UTF_8));
            }
        }
        if (random.nextInt(20) == 0) {
            lines.add(random.nextBoolean() ? new byte[0] : " \t".getBytes(StandardCharsets.UTF_8));
        }
    }

    /** A random JSON value, nested up to {@code depth}. */
    private JsonNode random(int depth) {
        int kind = random.nextInt(depth > 0 ? 12 : 10);
        return switch (kind) {
            case 0 -> json.nullNode();
            case 1 -> json.booleanNode(random.nextBoolean());
            case 2 -> json.numberNode(random.nextInt(13) - 1);
            case 3 -> json.numberNode(random.nextLong());
            case 4 -> json.numberNode(new BigInteger(70 + random.nextInt(20), random));
            case 5 -> json.numberNode(pick(List.of(2.0, 1.5, -3.25, 1e300, Double.NaN, Double.POSITIVE_INFINITY, 0.0)));
            case 6, 7 -> json.textNode(text());
            case 8 -> json.textNode(timestampText());
            case 9 -> json.textNode(pick(PERSONAL));
            case 10 -> {
                ArrayNode a = json.arrayNode();
                int n = random.nextInt(3);
                for (int i = 0; i < n; i++) {
                    a.add(random.nextBoolean() ? randomObject(depth - 1) : random(depth - 1));
                }
                yield a;
            }
            default -> randomObject(depth - 1);
        };
    }

    private ObjectNode randomObject(int depth) {
        ObjectNode o = json.objectNode();
        List<String> names = List.of("Gia", "MaPhiLePhi", "DuocSoHoa", "DuocTaiSuDung", "NgayYeuCauBoSung", "DuongDanTepTinKetQua",
                "ChuHoSo", "x");
        int n = random.nextInt(3);
        for (int i = 0; i < n; i++) {
            o.set(pick(names), random(Math.max(0, depth)));
        }
        return o;
    }

    private String text() {
        return switch (random.nextInt(8)) {
            case 0 -> "";
            case 1 -> " ";
            case 2 -> String.valueOf(random.nextInt(20) - 5);
            case 3 -> "1" + "0".repeat(8 + random.nextInt(15));
            case 4 -> pick(List.of("XA-001", "2.000815", "1.012753.H19", "3.12AB", "NaN", "Infinity", "2.0", "+9", "true"));
            case 5 -> pick(PERSONAL) + " " + pick(PERSONAL);
            case 6 -> new String(randomBytes(), StandardCharsets.UTF_8).replace("\n", "");
            default -> "Hồ sơ " + random.nextInt(1000) + " ĐT " + pick(PERSONAL);
        };
    }

    private String timestampText() {
        return pick(List.of("20240304090000", "2024-03-04T09:00:00", "2024-03-04T09:00:00Z", "19000101000000", "1899-12-31T23:59:59",
                "0001-01-01T00:00:00", "2100-12-31T23:59:59", "2101-01-01T00:00:00", "+300000-01-01T00:00:00", "20241305100000",
                "2024-03-06T00:00:00", "2024-02-30", "99999999999999"));
    }

    private byte[] randomBytes() {
        byte[] b = new byte[random.nextInt(120)];
        for (int i = 0; i < b.length; i++) {
            b[i] = (byte) random.nextInt(256);
            if (b[i] == '\n') {
                b[i] = '?';
            }
        }
        return b;
    }

    private <T> T pick(List<T> xs) {
        return xs.get(random.nextInt(xs.size()));
    }

    private static String jsonText(JsonNode n) {
        String wrapped = Fixtures.line((ObjectNode) JsonNodeFactory.instance.objectNode().set("v", n));
        return wrapped.substring("{\"v\":".length(), wrapped.length() - 1);
    }

    private static byte[] join(List<byte[]> lines) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] l : lines) {
            out.writeBytes(l);
            out.write('\n');
        }
        return out.toByteArray();
    }

    /** The 1-based numbers of the lines that are not blank (spaces and tabs only), as the reader skips those. */
    private static List<Long> nonBlankLines(List<byte[]> lines) {
        List<Long> out = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            byte[] b = lines.get(i);
            int end = b.length > 0 && b[b.length - 1] == '\r' ? b.length - 1 : b.length;
            int start = i == 0 && b.length >= 3 && (b[0] & 0xff) == 0xEF && (b[1] & 0xff) == 0xBB && (b[2] & 0xff) == 0xBF ? 3 : 0;
            boolean blank = true;
            for (int k = start; k < end; k++) {
                blank &= b[k] == ' ' || b[k] == '\t';
            }
            if (!blank || end - start > MAX_LINE) {
                out.add(i + 1L);
            }
        }
        return out;
    }

    private static byte[] gzip(byte[] bytes) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream z = new GZIPOutputStream(out)) {
            z.write(bytes);
        }
        return out.toByteArray();
    }
}
