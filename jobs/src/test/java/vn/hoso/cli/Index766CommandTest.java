package vn.hoso.cli;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.hoso.report.Index766Fixture;
import vn.hoso.report.Index766Labels;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code hoso index766} on gold Parquet of the scoring part's tables (Index766Fixture, hand-computed figures;
 * no Spark): the groups, the total and its range, the rank, the marks, the provisional notice, the lists and the errors.
 */
class Index766CommandTest {
    @TempDir
    static Path tmp;
    static Path wh;

    @BeforeAll
    static void warehouse() throws Exception {
        wh = Files.createDirectories(tmp.resolve("wh"));
        Index766Fixture.gold(wh);
    }

    static CliTest.Result run(Path warehouse, String... args) {
        List<String> all = new ArrayList<>(List.of("index766", "--warehouse", warehouse.toString()));
        all.addAll(List.of(args));
        CliTest.Result r = CliTest.execute(all.toArray(String[]::new));
        if (System.getProperty("hoso.print") != null) {
            System.out.println(String.join(" ", args) + "\n" + r.out() + r.err());
        }
        return r;
    }

    /** The line of a table whose first cell is this text, its cells trimmed. */
    static List<String> line(String out, String first) {
        for (String l : out.lines().toList()) {
            String[] cells = l.split("\\|");
            if (cells.length > 2 && cells[1].strip().equals(first)) {
                return java.util.Arrays.stream(cells).skip(1).map(String::strip).toList();
            }
        }
        throw new AssertionError("no line '" + first + "' in\n" + out);
    }

    @Test
    void provinceGroupsTotalRangeAndMarks() {
        CliTest.Result r = run(wh, "--period", "2025-08");
        assertThat(r.code()).as(r.err()).isZero();
        String o = r.out();
        assertThat(o).contains("Chỉ số 766 (ước tính) tháng 8/2025, toàn tỉnh (52)").doesNotContain("TẠM TÍNH", "Xếp hạng");
        // cong_khai: 1.4 ASSUMED, 1.1–1.3 MISSING; dvctt: 3.1/3.3 INFERRED, 3.2 PROXY
        assertThat(line(o, "Công khai, minh bạch").subList(1, 4)).containsExactly("6,00 ?*", "18,00", "0,00");
        assertThat(line(o, "Tiến độ giải quyết").subList(1, 4)).containsExactly("18,00", "20,00", "2,00");
        assertThat(line(o, "Dịch vụ công trực tuyến").subList(1, 4)).containsExactly("8,39 †~", "12,00", "3,61");
        assertThat(line(o, "Thanh toán trực tuyến").subList(1, 4)).containsExactly("6,00 ~", "10,00", "4,00");
        assertThat(line(o, "Số hóa hồ sơ").subList(1, 4)).containsExactly("10,10 ~*", "22,00", "11,90");
        assertThat(line(o, "Mức độ hài lòng").subList(1, 4)).containsExactly("14,67", "18,00", "3,33");
        assertThat(line(o, "Tổng").subList(1, 4)).containsExactly("63,16", "88,00", "24,84");
        assertThat(o).contains("Tổng điểm ước tính: 63,16 / 88,00 (khoảng 63,16–75,16 / 100",
                "Phần tính được từ dữ liệu: 55,16 / 80,00", Index766Labels.LEGEND);
    }

    @Test
    void aUnitHasItsRankAndAnOpenPeriodIsProvisional() {
        CliTest.Result r = run(wh, "--period", "2025-09", "--unit", "U01");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("đơn vị U01 (theo đơn vị tại thời điểm tiếp nhận)", "TẠM TÍNH", "Xếp hạng: hạng 2/3 xã, phường");
        assertThat(line(r.out(), "Tiến độ giải quyết").subList(1, 4)).containsExactly("16,00", "20,00", "4,00");
        assertThat(line(r.out(), "Tổng").subList(1, 4)).containsExactly("59,37", "88,00", "28,63");
        CliTest.Result current = run(wh, "--period", "2025-Q3", "--unit", "U02", "--current");
        assertThat(current.out()).contains("quý III/2025", "theo đơn vị hiện nay", "hạng 1/2 xã, phường");
        assertThat(line(current.out(), "Tổng").subList(1, 4)).containsExactly("62,37", "88,00", "25,63");
    }

    @Test
    void lossesAreByPointsLostWithTheUnitsAndProceduresBehind() {
        CliTest.Result r = run(wh, "--period", "2025-08", "--losses", "--top", "6");
        assertThat(r.code()).as(r.err()).isZero();
        List<String> codes = new ArrayList<>();
        String o = r.out().substring(r.out().indexOf("Chỉ tiêu mất nhiều điểm nhất"));
        for (String l : o.lines().toList()) {
            String[] cells = l.split("\\|");
            if (cells.length > 2 && cells[1].strip().matches("\\d\\.\\d[ab]?")) {
                codes.add(cells[1].strip());
            }
        }
        // 4.1 and 5.3 both lose 1,80: by code
        assertThat(codes).containsExactly("4.4", "4.2", "3.2", "2.1", "4.1", "5.3");
        List<String> l44 = line(o, "4.4");
        assertThat(l44.subList(2, 5)).containsExactly("0,40", "4,00", "3,60");
        // three largest per kind, largest first; a negative (offsetting) child is not a loss
        assertThat(l44.get(6)).startsWith("đơn vị U01 1,80, U02 1,20, U03 0,60; thủ tục P001 2,00, P002 1,00, P003 0,60")
                .doesNotContain("P004", "P005");
        assertThat(line(o, "2.1").get(6)).isEqualTo("đơn vị U01 1,00, U03 0,80, U02 0,20");
        assertThat(line(o, "3.2").get(2)).isEqualTo("1,20 ~");
        // a threshold indicator says how many more dossiers reach the threshold (3.3: ceil(0.5 × 1000 − 450))
        String all = run(wh, "--period", "2025-08", "--losses", "--top", "30").out();
        assertThat(line(all, "3.3").get(5)).isEqualTo("50");
        assertThat(all.lines().filter(l -> l.matches("\\| \\d\\.\\d[ab]? .*")).count()).as("every indicator that lost points")
                .isEqualTo(16);
    }

    @Test
    void atRiskListsTheOpenDossiersOfThePeriodSoonestFirst() {
        CliTest.Result r = run(wh, "--period", "2025-09", "--at-risk");
        assertThat(r.code()).as(r.err()).isZero();
        String o = r.out().substring(r.out().indexOf("Hồ sơ đang giải quyết sắp đến hạn"));
        assertThat(o).contains("(đến ngày 29/09/2025)");
        List<String> ids = o.lines().filter(l -> l.startsWith("| H")).map(l -> l.split("\\|")[1].strip()).toList();
        // the August cohort's dossier is not in September's list
        assertThat(ids).containsExactly("H000000000000b44", "H000000000007f3a", "H0000000000019c2");
        assertThat(line(o, "H000000000000b44")).containsExactly("H000000000000b44", "U03", "P003", "29/09/2025", "0", "0,03");
        CliTest.Result unit = run(wh, "--period", "2025-09", "--unit", "U01", "--current", "--at-risk");
        String u = unit.out().substring(unit.out().indexOf("Hồ sơ đang giải quyết"));
        // as it is today U03 is part of U01; the unit's own points
        assertThat(u.lines().filter(l -> l.startsWith("| H")).map(l -> l.split("\\|")[1].strip()).toList())
                .containsExactly("H000000000000b44", "H000000000007f3a");
        assertThat(line(u, "H000000000007f3a").get(5)).isEqualTo("0,05");
        CliTest.Result none = run(wh, "--period", "2025-08", "--unit", "U02", "--at-risk");
        assertThat(none.out()).contains("Không có hồ sơ nào sắp đến hạn trong phạm vi này.");
    }

    @Test
    void errorsAreOneClearLine() throws Exception {
        Path old = Files.createDirectories(tmp.resolve("old").resolve("gold").resolve("kpi")).getParent().getParent();
        String[][] cases = {
                {"--period", "2025-YTD-08"}, {"--period", "2025-13"}, {"--period", "2025"}, {"--period", "2025-08", "--unit", "NOPE"},
                {"--period", "2025-08", "--current"}, {"--period", "2025-08", "--top", "0"}};
        String[] expected = {"is a year to date, which the index has not", "bad --period '2025-13'",
                "no index for 2025 in", "no index for unit NOPE in 2025-08", "--current needs --unit", "--top must be at least 1"};
        for (int i = 0; i < cases.length; i++) {
            CliTest.Result r = run(wh, cases[i]);
            assertThat(r.code()).as(String.join(" ", cases[i])).isEqualTo(Main.EXIT_USER_ERROR);
            assertThat(r.err()).contains(expected[i]).doesNotContain("Exception");
            assertThat(r.err().strip().lines().count()).isEqualTo(1);
        }
        assertThat(run(wh, "--period", "2025").err()).contains("Y periods with an index: none");
        assertThat(run(wh, "--period", "2024-08").err()).contains("M periods with an index: 2025-08, 2025-09");
        CliTest.Result r = run(old, "--period", "2025-08");
        assertThat(r.code()).isEqualTo(Main.EXIT_USER_ERROR);
        assertThat(r.err()).contains("no index766 table under", "built before the Decision 766 index");
    }
}
