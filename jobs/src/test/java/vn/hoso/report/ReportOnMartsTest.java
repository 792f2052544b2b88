package vn.hoso.report;

import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.hoso.cli.CliTest;
import vn.hoso.marts.MartsTest;
import vn.hoso.publish.PublishJob;
import vn.hoso.publish.Warehouse;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** hoso report on the file `hoso publish` writes from the marts' hand fixture: the real schema, not a copy of it. */
class ReportOnMartsTest {
    @TempDir
    static Path tmp;
    static Path db;

    @BeforeAll
    static void publish() throws Exception {
        MartsTest.runOnce();
        db = new PublishJob(MartsTest.wh, tmp.resolve("hoso.duckdb")).publish(t -> { });
    }

    @Test
    void theYearAndAMonthOfThePublishedMartsAreReported() throws Exception {
        for (String period : List.of("2024", "2024-03")) {
            Path out = tmp.resolve(period);
            var r = CliTest.execute("report", "--warehouse", MartsTest.wh.toString(), "--db", db.toString(), "--period", period,
                    "--format", "xlsx,html", "--out", out.toString());
            assertThat(r.code()).as(r.err()).isZero();
            Period p = Period.parse(period);
            try (Warehouse wh = new Warehouse(db);
                 XSSFWorkbook wb = new XSSFWorkbook(Files.newInputStream(out.resolve("hoso-" + period + "-province.xlsx")))) {
                Map<String, Row> rows = ReportTest.rowsByText(wb.getSheet(XlsxReport.OVERVIEW), 11);
                var kpi = ReportData.maps(wh.query("select kpi_code, numerator, denominator, value, suppressed from kpi"
                        + " where period_type = getvariable('t') and period = getvariable('p') and scope_type = 'province'",
                        Map.of("t", p.type(), "p", p.key())));
                assertThat(kpi).isNotEmpty();
                assertThat(rows).hasSize(kpi.size());
                for (Map<String, Object> k : kpi) {
                    ReportTest.assertFigure(rows.get((String) k.get("kpi_code")), 1, 2, 3, k);
                }
            }
            assertThat(Files.readString(out.resolve("hoso-" + period + "-province.html"))).contains("Danh sách ưu tiên tái cấu trúc TTHC năm 2024");
        }
        var none = CliTest.execute("report", "--warehouse", MartsTest.wh.toString(), "--db", db.toString(), "--period", "2021-Q3",
                "--out", tmp.resolve("q3").toString());
        assertThat(none.code()).isEqualTo(2);
        assertThat(none.err()).contains("no data for 2021-Q3");
        assertThat(tmp.resolve("q3")).doesNotExist();
    }
}
