package vn.hoso.ingest;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.hoso.Fixtures;
import vn.hoso.Hostile;
import vn.hoso.config.Settings;
import vn.hoso.config.UserError;
import vn.hoso.contract.Pseudonymiser;
import vn.hoso.io.TableStore;
import vn.hoso.pipeline.Pipeline;
import vn.hoso.pipeline.RunRequest;
import vn.hoso.publish.PublishJob;
import vn.hoso.publish.Warehouse;
import vn.hoso.quality.QualityGate;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static vn.hoso.Fixtures.dossier;
import static vn.hoso.Fixtures.line;

/**
 * Hostile landing lines (every form of personal data that once got through) run through ingest and publish;
 * then every string of every Parquet file and every published table is scanned for them.
 */
class PersonalDataTest extends IngestTestSupport {
    static final LocalDate D1 = LocalDate.of(2024, 3, 4);
    static final String SECRET = "test-secret";

    @TempDir
    Path tmp;

    /** A dossier line without the fixture's own personal fields and name, with {@code extra} JSON members added. */
    private static String withExtra(ObjectNode n, String extra) {
        for (String f : List.of("TenTTHC", "ChuHoSo", "SoDienThoai", "Email", "DiaChi", "SoGiayToChuHoSo")) {
            n.remove(f);
        }
        String json = line(n);
        return json.substring(0, json.length() - 1) + "," + extra + "}";
    }

    /** The gate would stop a night that is mostly quarantine before publishing: here it only reports. */
    private static Settings lenient(Path landing, Path wh, String secret) {
        Settings s = Settings.local(landing.toString(), wh.toString(), secret, false);
        return new Settings(s.landing(), s.warehouse(), s.master(), s.sparkConf(), secret, false, null, s.targets(), null,
                s.minN(), new QualityGate.Thresholds(0, 1, 0, 1, 1), s.maxLineBytes(), s.duckdbStorageVersion(), s.index766Profile());
    }

    @Test
    void hostileLinesLeaveNoPersonalDataInSilverQuarantineOrThePublishedWarehouse() throws IOException {
        Path landing = tmp.resolve("landing");
        Fixtures.catalog(landing);
        Fixtures.write(landing.resolve("catalog/civil_servants.csv"), "SoDinhDanh,MaDonVi\n\"" + Hostile.IDS.get(0) + "\",XA-001\n");
        Fixtures.dossierFile(landing, "2024-03-04", "part-00000.jsonl", List.of(
                // accepted: personal data in every disguise, the ID with a no-break space, a free-text TenTTHC
                withExtra(dossier("A", "20240304090000", 2), Hostile.personalFields().replace(
                        "\"SoGiayToChuHoSo\":\"" + Hostile.IDS.get(0) + "\"", "\"SoGiayToChuHoSo\":\"" + Hostile.IDS.get(4) + "\"")),
                // accepted: the same person's ID in fullwidth digits; a procedure the catalogue lacks
                line(dossier("B", "20240304090000", 2).put("SoGiayToChuHoSo", Hostile.IDS.get(2)).put("TenTTHC", Hostile.FREE_TEXT)),
                line(dossier("C", "20240304090000", 2).put("MaTTHC", "1.999999").put("TenTTHC", Hostile.FREE_TEXT)
                        .put("SoGiayToChuHoSo", Hostile.IDS.get(1))),
                // quarantined: parses, status out of range
                withExtra(dossier("Q1", "20240304090000", 12), Hostile.personalFields()),
                // quarantined: does not parse ("Unrecognized token 'Trần'")
                Hostile.unparsable(),
                // quarantined: a name where a timestamp belongs, an ID where a code belongs
                line(dossier("Q3", "20240304090000", 2).put("NgayTiepNhan", Hostile.NAME).put("DonViXuLy", Hostile.IDS.get(0))),
                // quarantined: 2,000 characters of a name, with escapes, in a line cut short
                "{\"MaHoSo\":\"Q4\",\"ChuHoSo\":\"" + "Tr\\u1ea7n \\\"V\u0103n\\\" ".repeat(120)));
        Fixtures.ratingsFile(landing, "2024-03-04", "A,20240304100000,3", Hostile.IDS.get(1) + "," + Hostile.PHONES.get(0) + ",2",
                "\"" + Hostile.NAME + "\"x," + Hostile.EMAIL + ",2");
        Path wh = tmp.resolve("wh");
        new Pipeline(spark, lenient(landing, wh, SECRET), CLOCK).run(RunRequest.nightly(D1));
        Path db = new PublishJob(wh, wh.resolve("hoso.duckdb")).publish(t -> { });

        assertThat((String) dossierRow(wh, "A").getAs("procedure_name")).isEqualTo("Chứng thực bản sao từ bản chính, giấy tờ");
        assertThat((String) dossierRow(wh, "C").getAs("procedure_name")).as("not in the catalogue").isNull();
        String key = new Pseudonymiser(SECRET).key("001234567890");
        assertThat(List.of(dossierRow(wh, "A").getAs("applicant_key"), dossierRow(wh, "B").getAs("applicant_key"),
                dossierRow(wh, "C").getAs("applicant_key"))).containsOnly(key);
        assertThat(table(wh, IngestJob.CIVIL_SERVANTS)).extracting(r -> (String) r.getAs("applicant_key")).containsExactly(key);
        List<Row> quarantine = table(wh, IngestJob.QUARANTINE);
        assertThat(quarantine).extracting(r -> (String) r.getAs("feed"))
                .containsExactlyInAnyOrder("dossiers", "dossiers", "dossiers", "dossiers", "ratings", "ratings");
        assertThat(quarantine).allSatisfy(r -> assertThat((String) r.getAs("raw_masked")).contains("***"));

        for (Path f : parquetFiles(wh)) {
            var data = spark.read().parquet(f.toString());
            for (var field : data.schema().fields()) {
                if (field.dataType().equals(DataTypes.StringType) && !field.name().equals("applicant_key")) {
                    for (Row r : data.select(field.name()).collectAsList()) {
                        Hostile.assertClean(f + " " + field.name(), r.getString(0));
                    }
                }
            }
        }
        try (Warehouse w = new Warehouse(db)) {
            List<List<Object>> columns = w.query("select table_name, column_name from duckdb_columns() where data_type = 'VARCHAR'"
                    + " and column_name <> 'applicant_key' and table_name in (select table_name from duckdb_tables())", Map.of()).rows();
            assertThat(columns).extracting(c -> c.get(0)).contains("quarantine", "dossiers", "procedures");
            for (List<Object> c : columns) {
                for (List<Object> v : w.query("select \"" + c.get(1) + "\" from \"" + c.get(0) + "\"", Map.of()).rows()) {
                    Hostile.assertClean(c.toString(), (String) v.get(0));
                }
            }
        }
    }

    @Test
    void aRunWithAnotherSecretStopsUnlessItIsAFullRebuild() throws IOException {
        Path landing = tmp.resolve("landing");
        Fixtures.catalog(landing);
        Fixtures.dossierFile(landing, "2024-03-04", "part-00000.jsonl", List.of(line(dossier("A", "20240304090000", 2))));
        Path wh = tmp.resolve("wh");
        Settings settings = Settings.local(landing.toString(), wh.toString(), "test-secret", false);
        new Pipeline(spark, settings, CLOCK).ingest(RunRequest.nightly(D1));
        TableStore store = new TableStore(spark, wh.toString());
        String first = store.markerText(SecretFingerprint.MARKER).orElseThrow();
        assertThat(first).isEqualTo(new Pseudonymiser("test-secret").fingerprint()).doesNotContain("test-secret");

        Settings other = Settings.local(landing.toString(), wh.toString(), "another-secret", false);
        assertThatThrownBy(() -> new Pipeline(spark, other, CLOCK).ingest(RunRequest.nightly(D1)))
                .isInstanceOf(UserError.class).hasMessageContaining("not the one the warehouse")
                .hasMessageContaining(Pseudonymiser.SECRET_ENV).hasMessageContaining("--full")
                .hasMessageNotContaining("another-secret").hasMessageNotContaining("test-secret");
        assertThat(store.markerText(SecretFingerprint.MARKER)).contains(first);

        new Pipeline(spark, other, CLOCK).ingest(RunRequest.full());
        assertThat(store.markerText(SecretFingerprint.MARKER)).contains(new Pseudonymiser("another-secret").fingerprint());
        assertThat((String) dossierRow(wh, "A").getAs("applicant_key")).isEqualTo(new Pseudonymiser("another-secret").key(Fixtures.CCCD));
        SecretFingerprint.check(store, new Pseudonymiser("another-secret"), false);
    }

    private static List<Path> parquetFiles(Path wh) throws IOException {
        try (Stream<Path> s = Files.walk(wh)) {
            return s.filter(p -> p.toString().endsWith(".parquet")).toList();
        }
    }
}
