package vn.hoso.report;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.pdmodel.font.PDVectorFont;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.apache.pdfbox.text.PDFTextStripper;
import org.apache.pdfbox.text.TextPosition;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.PrintSetup;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.hoso.cli.Main;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.zip.ZipFile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * hoso report on a small published warehouse (built once), checked as a person would: the workbook read back
 * with POI and opened by LibreOffice, the page rendered by Chromium, the PDF read by PDFBox, and every output
 * scanned for personal data. LibreOffice and Chromium are not optional: .ci/run installs them.
 */
class ReportTest {
    @TempDir
    static Path tmp;
    static Path db;
    static Path out;
    static Path province;

    @BeforeAll
    static void reports() throws Exception {
        db = ReportFixture.build(Files.createDirectories(tmp.resolve("wh")));
        out = tmp.resolve("out");
        assertThat(run("--period", "2025-09").code).isZero();
        province = out.resolve("hoso-2025-09-province");
        assertThat(run("--period", "2025-Q3", "--unit", "U02", "--format", "xlsx").code).isZero();
        assertThat(run("--period", "2025-YTD-09", "--format", "xlsx").code).isZero();
        assertThat(run("--period", "2025-09", "--unit", "U01", "--current", "--format", "xlsx,html").code).isZero();
    }

    @Test
    void workbookSheetsEqualTheWarehouse() throws Exception {
        try (XSSFWorkbook wb = new XSSFWorkbook(Files.newInputStream(xlsx(province)))) {
            List<String> names = new ArrayList<>();
            wb.forEach(s -> names.add(s.getSheetName()));
            List<String> expected = new ArrayList<>(List.of(XlsxReport.OVERVIEW, XlsxReport.PRIORITY, XlsxReport.UNITS, XlsxReport.PAPER,
                    XlsxReport.IN_PERSON, XlsxReport.INDEX766));
            Index766Labels.GROUPS.forEach(g -> expected.add(g.sheet()));
            expected.add(XlsxReport.DATA);
            assertThat(names).containsExactlyElementsOf(expected);
            assertThat(names).allSatisfy(n -> assertThat(n).hasSizeLessThanOrEqualTo(31).doesNotContainPattern("[:\\\\/?*\\[\\]]"));
            for (Sheet s : wb) {
                assertThat(s.getPaneInformation()).as(s.getSheetName() + " frozen header").isNotNull();
                assertThat(s.getPaneInformation().isFreezePane()).isTrue();
                assertThat(((XSSFSheet) s).getCTWorksheet().isSetAutoFilter()).as(s.getSheetName() + " filter").isTrue();
                assertThat(s.getPrintSetup().getLandscape()).isTrue();
                assertThat(s.getPrintSetup().getPaperSize()).isEqualTo(PrintSetup.A4_PAPERSIZE);
                assertThat(s.getColumnWidth(2)).isGreaterThan(9 * 256);
                assertThat(text(s, 2, 0)).contains("số liệu đến ngày 30/09/2025");
            }

            Sheet o = wb.getSheet(XlsxReport.OVERVIEW);
            Map<String, Row> byCode = rowsByText(o, 11);
            assertThat(byCode.keySet()).containsAll(List.of("received", "online_rate", "on_time_rate", "satisfaction_rate"));
            for (String code : byCode.keySet()) {
                Row r = byCode.get(code);
                assertFigure(r, 1, 2, 3, kpi("M", "2025-09", "province", ReportFixture.PROVINCE, code));
                assertFigure(r, 4, 5, 6, kpi("M", "2025-08", "province", ReportFixture.PROVINCE, code));
                assertFigure(r, 7, 8, 9, kpi("M", "2024-09", "province", ReportFixture.PROVINCE, code));
            }
            assertThat(byCode.get("online_rate").getCell(1).getCellStyle().getDataFormatString()).isEqualTo("0.0%");
            assertThat(byCode.get("received").getCell(1).getCellStyle().getDataFormatString()).isEqualTo("#,##0");
            assertThat(byCode).hasSize(count("select count(*) from kpi where period_type = 'M' and period = '2025-09' and scope_type = 'province'"));
            Row onTime = null;
            for (Row r : o) {
                if (r.getCell(11) != null && r.getCell(0) != null && r.getCell(0).getStringCellValue().startsWith("Kế hoạch")
                        && r.getCell(11).getStringCellValue().equals("on_time_rate")) {
                    onTime = r;
                }
            }
            assertThat(onTime).as("the on-time target row").isNotNull();
            assertThat(onTime.getCell(6).getStringCellValue()).isEqualTo("Chưa đạt");
            assertThat(onTime.getCell(4).getNumericCellValue()).isEqualTo(0.99);

            Sheet p = wb.getSheet(XlsxReport.PRIORITY);
            Map<String, Row> procs = rowsByText(p, 1);
            assertThat(procs).hasSize(5);
            for (String code : ReportFixture.PROCEDURES) {
                Map<String, Object> w = row("select * from procedure_priority where year = 2025 and scope_type = 'province' and procedure_code = ?", code);
                Row r = procs.get(code);
                assertThat(r.getCell(4).getNumericCellValue()).isEqualTo(((Number) w.get("received")).doubleValue());
                assertThat(r.getCell(0).getNumericCellValue()).isEqualTo(((Number) w.get("rank")).doubleValue());
                assertThat(r.getCell(6).getNumericCellValue()).isEqualTo((Double) w.get("cum_share"));
                boolean highlighted = r.getCell(2).getCellStyle().getFillPattern() != org.apache.poi.ss.usermodel.FillPatternType.NO_FILL;
                assertThat(highlighted).as(code + " highlighted as top 80%").isEqualTo(w.get("in_pareto_80"));
                assertThat(r.getCell(22).getStringCellValue()).isEqualTo(Flags.of(w));
                // each rate stands beside its numerator and denominator (a suppressed rate shows – and keeps its counts)
                int c = 9;
                for (String rate : List.of("online", "paper_parallel", "on_time", "satisfaction")) {
                    Object value = w.get(rate + "_rate");
                    if (value == null) {
                        assertThat(r.getCell(c).getStringCellValue()).isEqualTo("–");
                    } else {
                        assertThat(r.getCell(c).getNumericCellValue()).as(code + " " + rate).isEqualTo((Double) value);
                    }
                    assertThat(r.getCell(c + 1).getNumericCellValue()).isEqualTo(((Number) w.get(rate + "_numerator")).doubleValue());
                    assertThat(r.getCell(c + 2).getNumericCellValue()).isEqualTo(((Number) w.get(rate + "_denominator")).doubleValue());
                    c += 3;
                }
                assertThat(p.getRow(4).getCell(10).getStringCellValue()).isEqualTo("Tử số");
            }

            Sheet u = wb.getSheet(XlsxReport.UNITS);
            Map<String, Row> units = rowsByText(u, 1);
            assertThat(units.keySet()).containsExactlyInAnyOrderElementsOf(ReportFixture.UNITS);
            double lastOnTime = 2;
            for (int i = 5; i < 5 + units.size(); i++) {
                Row r = u.getRow(i);
                String unit = r.getCell(1).getStringCellValue();
                int c = 4;
                for (String k : ReportData.UNIT_KPIS) {
                    assertFigure(r, c, c + 1, c + 2, kpi("M", "2025-09", "unit", unit, k));
                    c += 3;
                }
                double rate = r.getCell(7).getNumericCellValue();
                assertThat(rate).as("ranked by on-time rate").isLessThanOrEqualTo(lastOnTime);
                lastOnTime = rate;
                assertThat(r.getCell(0).getNumericCellValue()).isEqualTo(i - 4);
            }
            assertThat(units.get("U02").getCell(10).getStringCellValue()).as("U02's satisfaction is suppressed").isEqualTo("–");

            Sheet pp = wb.getSheet(XlsxReport.PAPER);
            int paperRows = 0;
            for (int i = 5; pp.getRow(i) != null && pp.getRow(i).getCell(1) != null; i++, paperRows++) {
                Row r = pp.getRow(i);
                String stype = r.getCell(0).getStringCellValue().equals("Thủ tục") ? "procedure" : "unit";
                assertFigure(r, 3, 4, 5, kpi("M", "2025-09", stype, r.getCell(1).getStringCellValue(), "paper_parallel_rate"));
            }
            assertThat(paperRows).isEqualTo(8);

            Sheet cs = wb.getSheet(XlsxReport.IN_PERSON);
            int csRows = 0;
            for (int i = 5; cs.getRow(i) != null && cs.getRow(i).getCell(3) != null; i++, csRows++) {
                Row r = cs.getRow(i);
                String stype = r.getCell(0).getStringCellValue().equals("Thủ tục") ? "procedure" : "unit";
                Map<String, Object> w = kpi("M", "2025-09", stype, r.getCell(1).getStringCellValue(), "civil_servant_in_person");
                assertThat(r.getCell(3).getNumericCellValue()).isEqualTo(((Number) w.get("numerator")).doubleValue());
                assertThat(r.getLastCellNum()).as("counts only").isEqualTo((short) 4);
            }
            assertThat(csRows).isEqualTo(count("select count(*) from kpi where period_type = 'M' and period = '2025-09'"
                    + " and kpi_code = 'civil_servant_in_person' and scope_type in ('unit', 'procedure') and numerator > 0"));

            Map<String, Row> facts = rowsByText(wb.getSheet(XlsxReport.DATA), 0);
            assertThat(facts.get("Số liệu đến ngày").getCell(1).getStringCellValue()).isEqualTo("30/09/2025");
            assertThat(facts.get("Lần chạy").getCell(1).getStringCellValue()).isEqualTo("r-20251001");
        }
    }

    @Test
    void index766SheetsEqualTheTables() throws Exception {
        try (XSSFWorkbook wb = new XSSFWorkbook(Files.newInputStream(xlsx(province)))) {
            Sheet sum = wb.getSheet(XlsxReport.INDEX766);
            assertThat(text(sum, 1, 0)).contains("TẠM TÍNH");
            Map<String, Row> groups = rowsByText(sum, 5);
            // Index766Fixture's hand-computed province: score, max, points lost (missing 1.1–1.3 are not points lost)
            double[][] want = {{6, 18, 0}, {18, 20, 2}, {8.39, 12, 3.61}, {6, 10, 4}, {10.10, 22, 11.90}, {14.67, 18, 3.33}};
            for (int g = 0; g < want.length; g++) {
                Row r = groups.get(Index766Labels.GROUPS.get(g).code());
                assertThat(r.getCell(0).getStringCellValue()).isEqualTo(Index766Labels.GROUPS.get(g).labelVi());
                for (int c = 0; c < 3; c++) {
                    assertThat(r.getCell(c + 1).getNumericCellValue()).as(r.getCell(0) + " col " + (c + 1)).isCloseTo(want[g][c], within(1e-9));
                }
            }
            assertThat(groups.get("cong_khai").getCell(4).getStringCellValue()).isEqualTo("?*");
            Row total = sum.getRow(groups.get("hai_long").getRowNum() + 1);
            assertThat(total.getCell(0).getStringCellValue()).isEqualTo("Tổng (ước tính)");
            assertThat(total.getCell(1).getNumericCellValue()).isCloseTo(63.16, within(1e-9));
            assertThat(total.getCell(2).getNumericCellValue()).isEqualTo(88);
            assertThat(total.getCell(3).getNumericCellValue()).isCloseTo(24.84, within(1e-9));
            Map<String, Row> facts = allRowsByText(sum, 0);
            assertThat(facts.get("Khoảng ước tính (thiếu số liệu tính 0 / tối đa)").getCell(2).getNumericCellValue()).isCloseTo(75.16, within(1e-9));
            Map<String, Row> losses = allRowsByText(sum, 4);
            assertThat(losses.keySet()).containsSubsequence("4.4", "4.2", "3.2", "2.1", "4.1", "5.3");
            assertThat(losses.get("4.4").getCell(5).getStringCellValue())
                    .isEqualTo("đơn vị U01 1,80, U02 1,20, U03 0,60; thủ tục P001 2,00, P002 1,00, P003 0,60");

            int rows = 0;
            for (Index766Labels.Group g : Index766Labels.GROUPS) {
                Sheet s = wb.getSheet(g.sheet());
                assertThat(text(s, 4, 0)).isEqualTo("Chỉ tiêu");
                List<String> head = new ArrayList<>();
                s.getRow(4).forEach(c -> head.add(c.getStringCellValue()));
                assertThat(head).containsExactly("Chỉ tiêu", "Tử số", "Mẫu số", "Tỷ lệ", "Điểm", "Tối đa", "Điểm bị mất", "Độ tin cậy", "Mã chỉ tiêu");
                for (Map.Entry<String, Row> e : rowsByText(s, 8).entrySet()) {
                    Map<String, Object> w = row("select * from index766 where period_type = 'M' and period = '2025-09' and scope_type = 'province'"
                            + " and indicator_code = ?", e.getKey());
                    assertThat(w.get("group_code")).isEqualTo(g.code());
                    Row r = e.getValue();
                    int c = 1;
                    for (String col : List.of("numerator", "denominator", "ratio", "score", "max_points")) {
                        if (w.get(col) == null) {
                            assertThat(r.getCell(c).getStringCellValue()).as(e.getKey() + " " + col).isEqualTo("–");
                        } else {
                            assertThat(r.getCell(c).getNumericCellValue()).as(e.getKey() + " " + col).isEqualTo(((Number) w.get(col)).doubleValue());
                        }
                        c++;
                    }
                    if (w.get("score") == null) {
                        assertThat(r.getCell(6).getStringCellValue()).as(e.getKey() + " lost").isEqualTo("–");
                    } else {
                        assertThat(r.getCell(6).getNumericCellValue()).as(e.getKey() + " lost")
                                .isCloseTo(((Number) w.get("max_points")).doubleValue() - ((Number) w.get("score")).doubleValue(), within(1e-9));
                    }
                    assertThat(r.getCell(7).getStringCellValue()).isEqualTo(Index766Labels.confidenceVi(w.get("confidence")));
                    rows++;
                }
            }
            assertThat(rows).isEqualTo(count("select count(*) from index766 where period_type = 'M' and period = '2025-09' and scope_type = 'province'"));
            Map<String, Row> onTime = rowsByText(wb.getSheet("766 - Tiến độ"), 8);
            assertThat(onTime.get("2.1").getCell(3).getCellStyle().getDataFormatString()).isEqualTo("0.0%");
            assertThat(onTime.get("2.2").getCell(3).getNumericCellValue()).isEqualTo(6.25);
            assertThat(rowsByText(wb.getSheet("766 - Công khai"), 8).get("1.1").getCell(7).getStringCellValue()).isEqualTo("? thiếu số liệu");
        }
        try (XSSFWorkbook wb = new XSSFWorkbook(Files.newInputStream(xlsx(out.resolve("hoso-2025-Q3-unit-U02"))))) {
            Sheet sum = wb.getSheet(XlsxReport.INDEX766);
            Map<String, Row> facts = allRowsByText(sum, 0);
            assertThat(facts.get("Xếp hạng").getCell(1).getStringCellValue()).isEqualTo("hạng 1/3 xã, phường");
            assertThat(facts.get("Tổng (ước tính)").getCell(1).getNumericCellValue()).isCloseTo(62.37, within(1e-9));
        }
        try (XSSFWorkbook wb = new XSSFWorkbook(Files.newInputStream(xlsx(out.resolve("hoso-2025-YTD-09-province"))))) {
            assertThat(text(wb.getSheet(XlsxReport.INDEX766), 5, 0)).contains("không tính cho kỳ lũy kế");
            assertThat(wb.getSheet("766 - Tiến độ")).isNull();
        }
        String html = Files.readString(province.resolveSibling(province.getFileName() + ".html"));
        assertThat(html).contains("<h2>Chỉ số 766 (ước tính từ dữ liệu hồ sơ)</h2>", "TẠM TÍNH", "Dịch vụ công trực tuyến</td><td class=\"n\">8,39 †~</td>",
                "<th class=\"n\">63,16</th><th class=\"n\">88,00</th><th class=\"n\">24,84</th>", "Khoảng ước tính: 63,16–75,16 / 100",
                "<td>4.4</td><td>" + Index766Labels.indicator("4.4") + "</td><td class=\"n\">3,60</td>", Index766Labels.LEGEND);
    }

    @Test
    void aWarehouseWithoutTheIndexStillReportsAndSaysSo() throws Exception {
        Path old = Files.createDirectories(tmp.resolve("old-wh"));
        Path file = ReportFixture.build(old, false);
        Path dir = tmp.resolve("old-out");
        Result r = runInto(dir, "--period", "2025-09", "--format", "xlsx,html", "--db", file.toString());
        assertThat(r.code).as(r.err).isZero();
        try (XSSFWorkbook wb = new XSSFWorkbook(Files.newInputStream(dir.resolve("hoso-2025-09-province.xlsx")))) {
            assertThat(text(wb.getSheet(XlsxReport.INDEX766), 5, 0)).contains("Chỉ số 766 chưa được tính");
            assertThat(wb.getSheet("766 - Tiến độ")).isNull();
            assertThat(rowsByText(wb.getSheet(XlsxReport.OVERVIEW), 11)).containsKey("online_rate");
        }
        assertThat(Files.readString(dir.resolve("hoso-2025-09-province.html"))).contains("Chỉ số 766 chưa được tính");
    }

    @Test
    void quarterAndYearToDateReadTheirOwnRows() throws Exception {
        try (XSSFWorkbook wb = new XSSFWorkbook(Files.newInputStream(xlsx(out.resolve("hoso-2025-Q3-unit-U02"))))) {
            Sheet o = wb.getSheet(XlsxReport.OVERVIEW);
            assertThat(text(o, 2, 0)).contains("quý III/2025 (01/07/2025–30/09/2025)");
            Map<String, Row> byCode = rowsByText(o, 11);
            assertThat(byCode.keySet()).containsExactlyInAnyOrderElementsOf(ReportFixture.UNIT_KPIS);
            for (String code : byCode.keySet()) {
                assertFigure(byCode.get(code), 1, 2, 3, kpi("Q", "2025-Q3", "unit", "U02", code));
                assertFigure(byCode.get(code), 4, 5, 6, kpi("Q", "2025-Q2", "unit", "U02", code));
                assertFigure(byCode.get(code), 7, 8, 9, kpi("Q", "2024-Q3", "unit", "U02", code));
            }
            Row satisfaction = byCode.get("satisfaction_rate");
            assertThat(satisfaction.getCell(1).getStringCellValue()).isEqualTo("–");
            assertThat(satisfaction.getCell(3).getNumericCellValue()).isEqualTo(12);
            assertThat(satisfaction.getCell(10).getStringCellValue()).contains("mẫu nhỏ");
        }
        try (XSSFWorkbook wb = new XSSFWorkbook(Files.newInputStream(xlsx(out.resolve("hoso-2025-YTD-09-province"))))) {
            Map<String, Row> byCode = rowsByText(wb.getSheet(XlsxReport.OVERVIEW), 11);
            assertThat(byCode).containsKey("adoption_rate");
            for (String code : byCode.keySet()) {
                assertFigure(byCode.get(code), 1, 2, 3, kpi("YTD", "2025-09", "province", ReportFixture.PROVINCE, code));
                assertFigure(byCode.get(code), 7, 8, 9, kpi("YTD", "2024-09", "province", ReportFixture.PROVINCE, code));
            }
        }
        try (XSSFWorkbook wb = new XSSFWorkbook(Files.newInputStream(xlsx(out.resolve("hoso-2025-09-unit-current-U01"))))) {
            Map<String, Row> byCode = rowsByText(wb.getSheet(XlsxReport.OVERVIEW), 11);
            assertFigure(byCode.get("received"), 1, 2, 3, kpi("M", "2025-09", "unit_current", "U01", "received"));
            assertThat(rowsByText(wb.getSheet(XlsxReport.UNITS), 1).keySet()).containsExactlyInAnyOrder("U01", "U02");
        }
    }

    @Test
    void libreOfficeOpensAndConvertsTheWorkbook() throws Exception {
        String soffice = tool("soffice", "libreoffice");
        Path lo = Files.createDirectories(tmp.resolve("lo"));
        Proc p = exec(List.of(soffice, "-env:UserInstallation=" + tmp.resolve("lo-profile").toUri(), "--headless",
                "--convert-to", "pdf", "--outdir", lo.toString(), xlsx(province).toString()), 180);
        Path pdf = lo.resolve("hoso-2025-09-province.pdf");
        assertThat(p.code).as(p.output).isZero();
        assertThat(p.output).doesNotContainIgnoringCase("error");
        assertThat(pdf).exists();
        try (PDDocument doc = Loader.loadPDF(pdf.toFile())) {
            assertThat(doc.getNumberOfPages()).isGreaterThanOrEqualTo(6);
            PDFTextStripper first = new PDFTextStripper();
            first.setEndPage(1);
            assertThat(first.getText(doc)).contains("Tổng quan").contains("Tỷ lệ hồ sơ trực tuyến");
            image(new PDFRenderer(doc).renderImageWithDPI(0, 110), "report-xlsx.png");
        }
    }

    @Test
    void chromiumRendersThePageWithItsFigures() throws Exception {
        String chromium = tool("chromium", "chromium-browser");
        Path html = province.resolveSibling(province.getFileName() + ".html");
        Path shot = tmp.resolve("shot.png");
        List<String> base = List.of(chromium, "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
                "--user-data-dir=" + tmp.resolve("chromium-profile"), "--no-first-run");
        List<String> screenshot = new ArrayList<>(base);
        screenshot.addAll(List.of("--window-size=1280,1600", "--screenshot=" + shot, html.toUri().toString()));
        Proc s = exec(screenshot, 120);
        assertThat(s.code).as(s.output).isZero();
        BufferedImage img = ImageIO.read(shot.toFile());
        Set<Integer> colours = new HashSet<>();
        int dark = 0;
        int samples = 0;
        for (int y = 0; y < img.getHeight(); y += 4) {
            for (int x = 0; x < img.getWidth(); x += 4) {
                int rgb = img.getRGB(x, y) & 0xFFFFFF;
                colours.add(rgb);
                samples++;
                if (((rgb >> 16) & 0xFF) + ((rgb >> 8) & 0xFF) + (rgb & 0xFF) < 600) {
                    dark++;
                }
            }
        }
        assertThat(colours.size()).as("distinct colours").isGreaterThan(50);
        assertThat((double) dark / samples).as("share of non-white pixels").isGreaterThan(0.03);
        image(img, "report-html.png");

        List<String> dump = new ArrayList<>(base);
        dump.addAll(List.of("--dump-dom", html.toUri().toString()));
        Proc d = exec(dump, 120);
        assertThat(d.code).isZero();
        Map<String, Object> online = kpi("M", "2025-09", "province", ReportFixture.PROVINCE, "online_rate");
        Map<String, Object> received = kpi("M", "2025-09", "province", ReportFixture.PROVINCE, "received");
        assertThat(d.output).contains("Tổng quan", "Danh sách ưu tiên tái cấu trúc TTHC năm 2025", "số liệu đến ngày 30/09/2025",
                "Chỉ số 766 (ước tính từ dữ liệu hồ sơ)", ">63,16<",
                Format.rate(online.get("value")), ">" + Format.count(online.get("numerator")) + "<",
                ">" + Format.count(online.get("denominator")) + "<", ">" + Format.count(received.get("numerator")) + "<");
        assertThat(d.output.split("<svg", -1)).as("four charts").hasSize(5);
        assertThat(Files.readString(html)).doesNotContain("http://fonts", "https://", "src=\"http");
    }

    @Test
    void pdfHasThePagesTheTextAndEveryGlyphInTheEmbeddedFont() throws Exception {
        try (PDDocument doc = Loader.loadPDF(province.resolveSibling(province.getFileName() + ".pdf").toFile())) {
            assertThat(doc.getNumberOfPages()).isBetween(3, 20);
            Map<Integer, PDFont> fontOf = new HashMap<>();
            Map<Integer, Boolean> hasGlyph = new HashMap<>();
            PDFTextStripper stripper = new PDFTextStripper() {
                @Override
                protected void writeString(String text, List<TextPosition> positions) throws IOException {
                    for (TextPosition t : positions) {
                        String u = t.getUnicode();
                        if (u == null || u.codePoints().allMatch(c -> c < 128)) {
                            continue;
                        }
                        boolean glyph = true;
                        for (int code : t.getCharacterCodes()) {
                            glyph &= t.getFont() instanceof PDVectorFont v && v.hasGlyph(code);
                        }
                        for (int c : u.codePoints().toArray()) {
                            fontOf.put(c, t.getFont());
                            hasGlyph.merge(c, glyph, Boolean::logicalAnd);
                        }
                    }
                    super.writeString(text, positions);
                }
            };
            String text = stripper.getText(doc);
            assertThat(text).contains("Báo cáo dịch vụ công trực tuyến tháng 9/2025", "số liệu đến ngày 30/09/2025",
                    "Công chức, viên chức nộp hồ sơ trực tiếp", "Danh sách ưu tiên tái cấu trúc TTHC năm 2025",
                    "Chỉ số 766 (ước tính từ dữ liệu hồ sơ)", "63,16", "Tiến độ giải quyết",
                    Format.rate(kpi("M", "2025-09", "province", ReportFixture.PROVINCE, "online_rate").get("value")));
            for (int c : ReportFixture.ALPHABET.codePoints().toArray()) {
                String ch = new String(Character.toChars(c));
                assertThat(fontOf).as("'" + ch + "' is in the PDF's text").containsKey(c);
                assertThat(fontOf.get(c).isEmbedded()).as("'" + ch + "' in an embedded font").isTrue();
                assertThat(fontOf.get(c).getName()).contains("DejaVuSans");
                assertThat(hasGlyph.get(c)).as("'" + ch + "' has a glyph").isTrue();
            }
        }
    }

    @Test
    void noReportCarriesPersonalData() throws Exception {
        Pattern idOrPhone = Pattern.compile("(?<![\\d.,])(\\d{9}|\\d{10}|\\d{12})(?![\\d.,])");
        Pattern email = Pattern.compile("[\\w.+-]+@[\\w-]+\\.[\\w.]+");
        List<Path> all;
        try (var s = Files.list(out)) {
            all = s.filter(Files::isRegularFile).toList();
        }
        assertThat(all).hasSize(7);
        for (Path f : all) {
            String body = readable(f);
            assertThat(body).as(f.getFileName() + " is read").isNotBlank();
            for (String secret : ReportFixture.PERSONAL) {
                assertThat(body).as(f.getFileName() + " must not hold '" + secret + "'").doesNotContain(secret);
            }
            String withoutFonts = body.replaceAll("base64,[A-Za-z0-9+/=]+", "");
            assertThat(idOrPhone.matcher(withoutFonts).find()).as(f.getFileName() + ": an ID or phone number").isFalse();
            assertThat(email.matcher(withoutFonts).find()).as(f.getFileName() + ": an e-mail address").isFalse();
        }
    }

    @Test
    void badInputIsOneLineExitTwoAndNoFile() throws Exception {
        Path clean = tmp.resolve("bad");
        List<String[]> cases = List.of(
                new String[]{"--period", "2023-05"},
                new String[]{"--period", "2025-Q4"},
                new String[]{"--period", "2025-09", "--unit", "NOPE"},
                new String[]{"--period", "2025-13"},
                new String[]{"--period", "2025-09", "--format", "docx"},
                new String[]{"--period", "2025-09", "--db", tmp.resolve("missing/hoso.duckdb").toString()});
        List<String> expected = List.of("no data for 2023-05", "no data for 2025-Q4", "unit 'NOPE' does not exist",
                "bad --period '2025-13'", "bad --format 'docx'", "no published warehouse at");
        for (int i = 0; i < cases.size(); i++) {
            List<String> args = new ArrayList<>(List.of(cases.get(i)));
            Result r = runInto(clean, args.toArray(String[]::new));
            assertThat(r.code).as(String.join(" ", args)).isEqualTo(Main.EXIT_USER_ERROR);
            assertThat(r.err.strip().lines().count()).as(r.err).isEqualTo(1);
            assertThat(r.err).contains(expected.get(i)).doesNotContain("Exception", "\tat ");
            assertThat(clean).doesNotExist();
        }
    }

    @Test
    void filesAreRenamedIntoPlaceAndAFailedWriteLeavesNothing() throws Exception {
        assertThat(ReportWriter.leftovers(out)).isEmpty();
        Path dir = Files.createDirectories(tmp.resolve("atomic"));
        Files.writeString(dir.resolve("r.html"), "old");
        Files.createDirectories(dir.resolve("r.pdf").resolve("in-the-way"));
        Map<String, byte[]> files = new java.util.LinkedHashMap<>();
        files.put("r.html", "new".getBytes(StandardCharsets.UTF_8));
        files.put("r.pdf", "new".getBytes(StandardCharsets.UTF_8));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> ReportWriter.write(dir, files))
                .isInstanceOf(vn.hoso.config.UserError.class).hasMessageContaining("cannot write");
        assertThat(Files.readString(dir.resolve("r.html"))).isEqualTo("new");
        assertThat(ReportWriter.leftovers(dir)).isEmpty();
    }

    // --- helpers ---------------------------------------------------------------------------------------------

    record Result(int code, String out, String err) {
    }

    record Proc(int code, String output) {
    }

    static Result run(String... args) {
        return runInto(out, args);
    }

    static Result runInto(Path dir, String... args) {
        List<String> all = new ArrayList<>(List.of("report", "--warehouse", tmp.resolve("wh").toString(), "--out", dir.toString()));
        if (!List.of(args).contains("--db")) {
            all.addAll(List.of("--db", db.toString()));
        }
        all.addAll(List.of(args));
        StringWriter o = new StringWriter();
        StringWriter e = new StringWriter();
        var cl = Main.commandLine();
        cl.setOut(new PrintWriter(o));
        cl.setErr(new PrintWriter(e));
        int code = cl.execute(all.toArray(String[]::new));
        return new Result(code, o.toString(), e.toString());
    }

    static Path xlsx(Path base) {
        return base.resolveSibling(base.getFileName() + ".xlsx");
    }

    /** A value cell and its numerator and denominator against the kpi row ("–" when suppressed or missing). */
    static void assertFigure(Row r, int value, int num, int den, Map<String, Object> w) {
        String what = new DataFormatter().formatCellValue(r.getCell(1)) + " col " + value + " row " + r.getRowNum();
        if (w == null) {
            assertThat(r.getCell(value).getStringCellValue()).as(what).isEqualTo("–");
            return;
        }
        if (w.get("value") == null || Boolean.TRUE.equals(w.get("suppressed"))) {
            assertThat(r.getCell(value).getStringCellValue()).as(what).isEqualTo("–");
        } else {
            assertThat(r.getCell(value).getCellType()).as(what).isEqualTo(CellType.NUMERIC);
            assertThat(r.getCell(value).getNumericCellValue()).as(what).isEqualTo(((Number) w.get("value")).doubleValue());
        }
        assertThat(r.getCell(num).getNumericCellValue()).as(what + " numerator").isEqualTo(((Number) w.get("numerator")).doubleValue());
        if (w.get("denominator") == null) {
            assertThat(r.getCell(den).getStringCellValue()).isEqualTo("–");
        } else {
            assertThat(r.getCell(den).getNumericCellValue()).as(what + " denominator").isEqualTo(((Number) w.get("denominator")).doubleValue());
        }
    }

    /** The rows of a sheet's first table (from below its header to the first empty row), by one column's text. */
    static Map<String, Row> rowsByText(Sheet s, int col) {
        Map<String, Row> out = new java.util.LinkedHashMap<>();
        for (int i = 5; s.getRow(i) != null; i++) {
            Row r = s.getRow(i);
            if (r != null && r.getCell(col) != null && r.getCell(col).getCellType() == CellType.STRING
                    && !r.getCell(col).getStringCellValue().isEmpty()) {
                out.putIfAbsent(r.getCell(col).getStringCellValue(), r);
            }
        }
        return out;
    }

    /** Every row of a sheet (all its tables) by one column's text, first occurrence. */
    static Map<String, Row> allRowsByText(Sheet s, int col) {
        Map<String, Row> out = new java.util.LinkedHashMap<>();
        for (Row r : s) {
            if (r.getRowNum() > 4 && r.getCell(col) != null && r.getCell(col).getCellType() == CellType.STRING
                    && !r.getCell(col).getStringCellValue().isEmpty()) {
                out.putIfAbsent(r.getCell(col).getStringCellValue(), r);
            }
        }
        return out;
    }

    static String text(Sheet s, int row, int col) {
        return s.getRow(row).getCell(col).getStringCellValue();
    }

    static Map<String, Object> kpi(String ptype, String period, String stype, String scope, String code) throws Exception {
        return row("select * from kpi where period_type = ? and period = ? and scope_type = ? and scope_code = ? and kpi_code = ?",
                ptype, period, stype, scope, code);
    }

    static Map<String, Object> row(String sql, Object... params) throws Exception {
        try (PreparedStatement st = warehouse().prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                st.setObject(i + 1, params[i]);
            }
            try (ResultSet rs = st.executeQuery()) {
                if (!rs.next()) {
                    return null;
                }
                Map<String, Object> m = new HashMap<>();
                for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                    m.put(rs.getMetaData().getColumnLabel(i), rs.getObject(i));
                }
                return m;
            }
        }
    }

    private static Connection warehouse;

    /** The fixture, read-only, as the figures' reference. */
    static synchronized Connection warehouse() throws Exception {
        if (warehouse == null) {
            Properties ro = new Properties();
            ro.setProperty("duckdb.read_only", "true");
            // a copy: DuckDB shares one instance per file within a JVM, and the reports open theirs locked
            Path copy = Files.copy(db, db.resolveSibling("reference.duckdb"), StandardCopyOption.REPLACE_EXISTING);
            warehouse = DriverManager.getConnection("jdbc:duckdb:" + copy, ro);
        }
        return warehouse;
    }

    @org.junit.jupiter.api.AfterAll
    static void close() throws Exception {
        if (warehouse != null) {
            warehouse.close();
        }
    }

    static int count(String sql) throws Exception {
        return ((Number) row(sql).values().iterator().next()).intValue();
    }

    /** Every text a person or a program could read from a report file. */
    static String readable(Path f) throws IOException {
        String name = f.getFileName().toString();
        if (name.endsWith(".pdf")) {
            try (PDDocument doc = Loader.loadPDF(f.toFile())) {
                return new PDFTextStripper().getText(doc);
            }
        }
        if (name.endsWith(".xlsx")) {
            StringBuilder s = new StringBuilder();
            DataFormatter fmt = new DataFormatter();
            try (XSSFWorkbook wb = new XSSFWorkbook(Files.newInputStream(f))) {
                for (Sheet sh : wb) {
                    for (Row r : sh) {
                        for (Cell c : r) {
                            s.append(fmt.formatCellValue(c)).append('\t');
                        }
                        s.append('\n');
                    }
                }
            }
            try (ZipFile z = new ZipFile(f.toFile())) {
                for (var e : java.util.Collections.list(z.entries())) {
                    s.append(new String(z.getInputStream(e).readAllBytes(), StandardCharsets.UTF_8));
                }
            }
            return s.toString();
        }
        return Files.readString(f);
    }

    static String tool(String... names) {
        for (String n : names) {
            for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
                if (Files.isExecutable(Path.of(dir, n))) {
                    return Path.of(dir, n).toString();
                }
            }
        }
        throw new AssertionError(names[0] + " is not installed: the report tests open the outputs in LibreOffice and Chromium;"
                + " .ci/run installs them (.ci/install-office.sh, Debian packages libreoffice-calc-nogui and chromium)");
    }

    static Proc exec(List<String> cmd, int seconds) throws Exception {
        Path log = Files.createTempFile(tmp, "proc", ".log");
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (!p.waitFor(seconds, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError(cmd.get(0) + " did not finish in " + seconds + " s");
        }
        return new Proc(p.exitValue(), Files.readString(log));
    }

    /** Keeps a rendering in target/report-images; with -Dhoso.images=DIR also there (docs/images for the README). */
    static void image(BufferedImage img, String name) throws IOException {
        Path dir = Files.createDirectories(Path.of("target", "report-images"));
        ImageIO.write(img, "png", dir.resolve(name).toFile());
        String publish = System.getProperty("hoso.images");
        if (publish != null && !publish.isBlank()) {
            Files.createDirectories(Path.of(publish));
            Files.copy(dir.resolve(name), Path.of(publish, name), StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
