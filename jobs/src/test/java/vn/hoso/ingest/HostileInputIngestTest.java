package vn.hoso.ingest;

import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.hoso.Fixtures;
import vn.hoso.contract.Pseudonymiser;
import vn.hoso.io.LandingZone;
import vn.hoso.io.TableStore;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.zip.GZIPOutputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.hoso.Fixtures.dossier;
import static vn.hoso.Fixtures.line;

/**
 * One night of hostile landing files through the real ingest: broken gzip files, values outside the
 * contract, an over-long line, a stray CSV quote and a symbolic link. None may fail the night, none may be
 * dropped without a quarantine row, and nothing outside the landing zone may be read.
 */
class HostileInputIngestTest extends IngestTestSupport {
    static final LocalDate D1 = LocalDate.of(2024, 3, 4);

    @TempDir
    Path tmp;

    @Test
    void hostileFilesAreQuarantinedRowByRowAndTheNightGoesOn() throws IOException {
        Path landing = tmp.resolve("landing");
        Fixtures.catalog(landing);
        String night = "dossiers/date=2024-03-04/";
        String status = line(dossier("D", "20240304090000", 2)).replace("\"TrangThaiHoSo\":2", "\"TrangThaiHoSo\":18446744073709551626");
        String duplicate = line(dossier("F", "20240304090000", 2)).replace("{\"MaHoSo\":\"F\"", "{\"MaHoSo\":\"F\",\"MaHoSo\":\"F2\"");
        Fixtures.dossierFile(landing, "2024-03-04", "part-00000.jsonl", List.of(
                line(dossier("A", "20240304090000", 2).put("NgayNopHoSo", "1900-01-01T00:00:00").put("NgayHenTra", "2100-12-31T23:59:59")),
                line(dossier("B", "20240304090000", 2).put("DonViXuLy", true)),
                line(dossier("C", "20240304090000", 2).set("DanhSachLePhi", Fixtures.JSON.createArrayNode()
                        .add(Fixtures.JSON.createObjectNode().put("MaPhiLePhi", "LP1").put("Gia", "NaN")))),
                status,
                line(dossier("E", "20240304090000", 2).put("NgayTiepNhan", "0001-01-01T00:00:00")),
                duplicate,
                line(dossier("L", "20240304090000", 2).put("TenTTHC", "x".repeat(1_100_000))),
                line(dossier("G", "20240304090000", 2)),
                line(dossier("I", "20240304090000", 2)).replace("\"Gia\":10000", "\"Gia\":1e999")));

        // a gzip file cut in the middle: the complete lines before the cut are kept
        StringBuilder many = new StringBuilder();
        for (int i = 1; i <= 2000; i++) {
            many.append(line(dossier("Z" + i, "20240304090000", 2).put("TenTTHC", "procedure " + i * 7919L % 10007))).append('\n');
        }
        byte[] gz = gzip(many.toString().getBytes(StandardCharsets.UTF_8));
        Fixtures.write(landing.resolve(night + "part-00001.jsonl.gz"), Arrays.copyOf(gz, gz.length / 2));
        Fixtures.write(landing.resolve(night + "part-00002.jsonl.gz"), new byte[0]);
        Fixtures.write(landing.resolve(night + "part-00003.jsonl.gz"), (line(dossier("N", "20240304090000", 2)) + "\n").getBytes(StandardCharsets.UTF_8));
        // a link to a file outside the landing zone is not read
        Path outside = tmp.resolve("outside/secret.jsonl");
        Fixtures.write(outside, line(dossier("LEAK", "20240304090000", 2)) + "\n");
        Files.createSymbolicLink(landing.resolve(night + "part-00004.jsonl"), outside);
        Files.createDirectories(landing.resolve("feedback"));
        Files.createSymbolicLink(landing.resolve("feedback/date=2024-03-04"), outside.getParent());

        Fixtures.ratingsFile(landing, "2024-03-04", "R1,20240304100000,1", "\"R2,20240304100000,2", "R3,20240304100000,3",
                "R4,20240304100000,2", "R5,20240304100000,1");

        Path wh = tmp.resolve("wh");
        IngestJob.Result result = new IngestJob(spark, new LandingZone(landing.toString(), spark.sparkContext().hadoopConfiguration()),
                new TableStore(spark, wh.toString()), new Pseudonymiser("test-secret")).run(new TreeSet<>(List.of(D1)), D1);

        Map<String, String> reasons = table(wh, IngestJob.QUARANTINE).stream()
                .filter(r -> !"procedures".equals(r.getAs("feed")) && !"units".equals(r.getAs("feed")))
                .collect(Collectors.toMap(r -> r.getAs("source_file") + ":" + r.getAs("line_number"), r -> r.getAs("reason_code")));
        List<String> snapshots = table(wh, IngestJob.SNAPSHOTS).stream().map(r -> (String) r.getAs("dossier_id")).toList();
        long keptFromCut = snapshots.stream().filter(id -> id.startsWith("Z")).count();
        assertThat(keptFromCut).as("complete lines before the cut").isBetween(1L, 1999L);
        assertThat(snapshots.stream().filter(id -> id.startsWith("Z")).map(id -> Integer.parseInt(id.substring(1))).sorted())
                .as("the lines kept are exactly those before the cut").containsExactlyElementsOf(
                        java.util.stream.IntStream.rangeClosed(1, (int) keptFromCut).boxed().toList());
        assertThat(snapshots.stream().filter(id -> !id.startsWith("Z"))).containsExactlyInAnyOrder("A", "G");

        assertThat(reasons).containsExactlyInAnyOrderEntriesOf(Map.ofEntries(
                Map.entry(night + "part-00000.jsonl:2", "BAD_TYPE"),
                Map.entry(night + "part-00000.jsonl:3", "BAD_TYPE"),
                Map.entry(night + "part-00000.jsonl:4", "OUT_OF_RANGE"),
                Map.entry(night + "part-00000.jsonl:5", "OUT_OF_RANGE"),
                Map.entry(night + "part-00000.jsonl:6", "DUPLICATE_KEY"),
                Map.entry(night + "part-00000.jsonl:7", "LINE_TOO_LONG"),
                Map.entry(night + "part-00000.jsonl:9", "OUT_OF_RANGE"),
                Map.entry(night + "part-00001.jsonl.gz:" + (keptFromCut + 1), "BROKEN_FILE"),
                Map.entry(night + "part-00002.jsonl.gz:1", "BROKEN_FILE"),
                Map.entry(night + "part-00003.jsonl.gz:1", "BROKEN_FILE"),
                Map.entry("ratings/date=2024-03-04/part-00000.csv:3", "UNTERMINATED_QUOTE")));
        assertThat(table(wh, IngestJob.QUARANTINE)).noneSatisfy(r -> assertThat(java.util.Objects.toString(r.getAs("raw_masked"))).contains("LEAK"));

        Row a = dossierRow(wh, "A");
        assertThat((Instant) a.getAs("submitted_at")).isEqualTo(Instant.parse("1899-12-31T17:00:00Z"));
        assertThat((Instant) a.getAs("due_at")).isEqualTo(Instant.parse("2100-12-31T16:59:59Z"));
        assertThat(table(wh, IngestJob.RATINGS).stream().map(r -> (String) r.getAs("dossier_id")))
                .containsExactlyInAnyOrder("R1", "R3", "R4", "R5");
        IngestJob.FeedCounts ratings = result.feeds().stream().filter(f -> f.feed().equals("ratings")).findFirst().orElseThrow();
        assertThat(ratings.read()).as("five rating lines, five records").isEqualTo(5);
        assertThat(ratings.quarantined()).isEqualTo(1);
        IngestJob.FeedCounts dossiers = result.feeds().stream().filter(f -> f.feed().equals("dossiers")).findFirst().orElseThrow();
        assertThat(dossiers.read()).isEqualTo(9 + keptFromCut + 3);
        assertThat(dossiers.accepted()).isEqualTo(2 + keptFromCut);
    }

    private static byte[] gzip(byte[] bytes) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream z = new GZIPOutputStream(out)) {
            z.write(bytes);
        }
        return out.toByteArray();
    }
}
