package vn.hoso.marts;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import vn.hoso.Fixtures;
import vn.hoso.SparkTestBase;
import vn.hoso.config.Settings;
import vn.hoso.io.TableStore;
import vn.hoso.pipeline.Pipeline;
import vn.hoso.pipeline.RunRequest;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static vn.hoso.Fixtures.dossier;
import static vn.hoso.Fixtures.line;

/**
 * Every KPI on a hand-computed fixture. Seven dossiers are received in 2024 (D1–D6 in March, D9 in July),
 * one in 2023 (D0); D7 (new) and D8 (not accepted) are not received. Run date 2024-07-10.
 *
 * <pre>
 * id  proc      unit    channel    from      applicant  status  due     end      late  rating  other
 * D0  2.000815  XA-001  ONLINE     REMOTE    K5         10      12-22   12-21    no
 * D1  2.000815  XA-001  ONLINE     REMOTE    K1         10      03-06   03-05    no    3       fee paid, reused
 * D2  2.000815  XA-001  ONLINE     DESK      K2         9       03-06   03-08    yes   1       fee unpaid, paper copy, feedback
 * D3  2.000815  XA-002  IN_PERSON  -         K1         4       03-09   as-of    yes           not digitised
 * D4  1.001193  XA-002  ONLINE     ASSISTED  business   10      03-08   03-06    yes   2       2 supplements, e-result (MOT_PHAN then)
 * D5  1.004222  XA-001  IN_PERSON  -         civil s.   10      03-07   03-05    no            KHONG level
 * D6  2.000815  XA-001  IN_PERSON  -         civil s.   2       -       as-of    no
 * D9  1.001193  XA-002  ONLINE     REMOTE    K3         10      07-05   07-03    no            e-result, reused (TOAN_TRINH now)
 * </pre>
 */
public class MartsTest extends SparkTestBase {
    public static Path wh;
    static List<Row> kpi;

    /** Builds the fixture warehouse once per JVM; other test classes reuse it. */
    @BeforeAll
    public static void runOnce() throws Exception {
        if (wh != null) {
            return;
        }
        startSpark();
        Path root = Files.createTempDirectory("marts");
        Path landing = root.resolve("landing");
        Fixtures.catalog(landing);
        Fixtures.write(landing.resolve("catalog/procedures.csv"), String.join("\n",
                "MaTTHC,TenTTHC,MaLinhVuc,TenLinhVuc,CapThucHien,MucDoDVC,DuDieuKienToanTrinh,YeuCauHoSoGiay,CoPhiLePhi,TraKetQuaGiay,ThoiHanGiaiQuyetNgay,NgayTaiCauTruc,HieuLucTu,HieuLucDen",
                "2.000815,Chứng thực bản sao,CHUNGTHUC,Chứng thực,XA,TOAN_TRINH,1,0,1,0,1,,2020-01-01,",
                "1.001193,Đăng ký khai sinh,HOTICH,Hộ tịch,XA,MOT_PHAN,1,0,0,1,1,,2020-01-01,2024-06-30",
                "1.001193,Đăng ký khai sinh,HOTICH,Hộ tịch,XA,TOAN_TRINH,1,0,0,1,1,2024-07-01,2024-07-01,",
                "1.004222,Đăng ký thường trú,CUTRU,Cư trú,XA,KHONG,0,1,0,1,7,,2020-01-01,") + "\n");
        List<String> lines = new ArrayList<>();
        lines.add(line(received("D0", "2.000815", "XA-001", "20231220090000", "20231222170000", 10).put("NgayKetThucXuLy", "20231221090000")
                .put("SoGiayToChuHoSo", "K5").put("ThoiDiemDongBo", "20231221100000")));
        lines.add(line(withFees(received("D1", "2.000815", "XA-001", "20240304090000", "20240306170000", 10)
                .put("NgayKetThucXuLy", "20240305090000").put("SoGiayToChuHoSo", "K1"), 10000, 1, "DuocTaiSuDung")));
        lines.add(line(withFees(received("D2", "2.000815", "XA-001", "20240304090000", "20240306170000", 9)
                .put("NgayKetThucXuLy", "20240308090000").put("NoiNopHoSo", 2).put("SoGiayToChuHoSo", "K2")
                .put("NgayNhanHoSoGiay", "20240305090000"), 10000, 0, null)));
        lines.add(line(noFees(received("D3", "2.000815", "XA-002", "20240305090000", "20240309170000", 4)
                .put("KenhThucHien", 1).putNull("NoiNopHoSo").put("SoGiayToChuHoSo", "K1").put("HoSoCoThanhPhanSoHoa", 0))
                .set("TaiLieuNop", Fixtures.JSON.createArrayNode().add(Fixtures.JSON.createObjectNode().put("DuocSoHoa", 0)))));
        ObjectNode d4 = noFees(received("D4", "1.001193", "XA-002", "20240304090000", "20240308170000", 10)
                .put("NgayKetThucXuLy", "20240306090000").put("NoiNopHoSo", 3).put("LoaiDoiTuong", 2).put("SoGiayToChuHoSo", "0101234567"));
        d4.putArray("DanhSachHoSoBoSung").add(Fixtures.JSON.createObjectNode().put("NgayYeuCauBoSung", "20240304100000"))
                .add(Fixtures.JSON.createObjectNode().put("NgayYeuCauBoSung", "20240305100000"));
        d4.putArray("DanhSachGiayToKetQua").addObject().put("MaGiayToKetQua", "KQ").put("DuongDanTepTinKetQua", "https://kq/4.pdf");
        lines.add(line(d4));
        lines.add(line(noFees(received("D5", "1.004222", "XA-001", "20240304090000", "20240307170000", 10)
                .put("NgayKetThucXuLy", "20240305090000").put("KenhThucHien", 1).putNull("NoiNopHoSo").put("SoGiayToChuHoSo", "052090009999"))));
        lines.add(line(noFees(received("D6", "2.000815", "XA-001", "20240306090000", null, 2)
                .put("KenhThucHien", 1).putNull("NoiNopHoSo").put("SoGiayToChuHoSo", "052090009999"))));
        lines.add(line(noFees(received("D7", "2.000815", "XA-001", null, null, 1))));
        lines.add(line(noFees(received("D8", "2.000815", "XA-001", "20240304090000", null, 3))));
        ObjectNode d9 = withFees(received("D9", "1.001193", "XA-002", "20240702090000", "20240705170000", 10)
                .put("NgayKetThucXuLy", "20240703090000").put("SoGiayToChuHoSo", "K3").put("ThoiDiemDongBo", "20240703100000"),
                0, 0, "DuocLayTuKhoDMQG");
        d9.putArray("DanhSachLePhi");
        d9.putArray("DanhSachGiayToKetQua").addObject().put("MaGiayToKetQua", "KQ").put("DuongDanTepTinKetQua", "https://kq/9.pdf");
        lines.add(line(d9));
        Fixtures.dossierFile(landing, "2024-07-10", "part-00000.jsonl", lines);
        Fixtures.ratingsFile(landing, "2024-07-10", "D1,20240305100000,3", "D2,20240308100000,1", "D4,20240306100000,2");
        Fixtures.feedbackFile(landing, "2024-07-10", "PAKN-1,D2,XA-001,20240306080000,20240310170000,20240309080000,1,1",
                "PAKN-2,,XA-002,20240701080000,20240705170000,,0,");
        Path targets = root.resolve("targets");
        Fixtures.write(targets.resolve("test.yaml"), String.join("\n",
                "plan: test", "title: Test plan",
                "sector_groups:", "  civil:", "    sectors: [CHUNGTHUC, HOTICH]",
                "targets:",
                "  - {kpi: online_rate, years: 2024, comparator: '>=', target: 0.5}",
                "  - {kpi: late_online, years: 2024, comparator: '=', target: 0}",
                "  - {kpi: adoption_rate, years: 2024, comparator: '>prev'}",
                "  - {kpi: adoption_rate, years: 2023, comparator: '>prev'}",
                "  - {kpi: satisfaction_rate, scope: {sector_group: civil}, years: 2024, comparator: '>=', target: 0.85}",
                "  - {kpi: online_rate, scope: {sector_group: civil}, years: 2024, comparator: '>=', target: 0.9}",
                "  - {kpi: e_result_rate, scope: {procedures_min_received: 2}, years: 2024, comparator: '>=', target: 1.0}",
                "  - {kpi: on_time_rate, scope: {unit: XA-002}, years: 2024, comparator: '>=', target: 0.5}") + "\n");
        wh = root.resolve("wh");
        Settings base = Settings.local(landing.toString(), wh.toString(), "test-secret", false);
        // the shared fixture of the marts, publish and report tests: with the Decision 766 index (the suite turns it off elsewhere)
        Settings settings = base.withPlans(targets, "52").withIndex766Profile(vn.hoso.index766.Index766Profile.DEFAULT);
        new Pipeline(spark, settings, Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC))
                .run(RunRequest.nightly(LocalDate.of(2024, 7, 10)));
        kpi = new TableStore(spark, wh.toString()).readOrEmpty(MartsJob.KPI).collectAsList();
    }

    /** A received dossier; due and received may be null. */
    private static ObjectNode received(String id, String procedure, String unit, String receivedAt, String dueAt, int status) {
        ObjectNode n = dossier(id, "20240709100000", status).put("MaTTHC", procedure).put("DonViXuLy", unit);
        n.remove("MaLinhVuc");
        if (receivedAt == null) {
            n.remove("NgayTiepNhan");
        } else {
            n.put("NgayTiepNhan", receivedAt).put("NgayNopHoSo", receivedAt);
        }
        if (dueAt == null) {
            n.remove("NgayHenTra");
        } else {
            n.put("NgayHenTra", dueAt);
        }
        return n;
    }

    private static ObjectNode withFees(ObjectNode n, int fee, int paid, String reuseFlag) {
        n.putArray("DanhSachLePhi").addObject().put("Gia", fee);
        n.put("DuocThanhToanTrucTuyen", paid);
        ObjectNode doc = Fixtures.JSON.createObjectNode().put("DuocSoHoa", 1);
        if (reuseFlag != null) {
            doc.put(reuseFlag, 1);
        }
        n.putArray("TaiLieuNop").add(doc);
        return n;
    }

    private static ObjectNode noFees(ObjectNode n) {
        n.putArray("DanhSachLePhi");
        n.put("DuocThanhToanTrucTuyen", 0);
        return n;
    }

    static Optional<Row> kpi(String period, String scopeType, String scopeCode, String code) {
        return kpiIn(kpi, period, scopeType, scopeCode, code);
    }

    /** The Y or M row of a period (a YTD period is named by its last month, as an M one, so it is left out). */
    static Optional<Row> kpiIn(List<Row> kpi, String period, String scopeType, String scopeCode, String code) {
        return kpi.stream().filter(r -> !"YTD".equals(r.getAs("period_type")))
                .filter(r -> period.equals(r.getAs("period")) && scopeType.equals(r.getAs("scope_type"))
                && scopeCode.equals(r.getAs("scope_code")) && code.equals(r.getAs("kpi_code"))).findFirst();
    }

    static void rate(String code, long num, Long den) {
        rate("2024", "province", "52", code, num, den);
    }

    static void rate(String period, String scopeType, String scopeCode, String code, long num, Long den) {
        Row r = kpi(period, scopeType, scopeCode, code).orElseThrow(() -> new AssertionError("no " + code + " " + scopeCode + " " + period));
        assertThat((Long) r.getAs("numerator")).as(code + " numerator").isEqualTo(num);
        assertThat((Long) r.getAs("denominator")).as(code + " denominator").isEqualTo(den);
        Double expected = null;
        if (den == null) {
            expected = (double) num;
        } else if (den != 0) {
            expected = (double) num / den;
        }
        if (!(Boolean) r.getAs("suppressed")) {
            if (expected == null) {
                assertThat((Double) r.getAs("value")).as(code).isNull();
            } else {
                assertThat((Double) r.getAs("value")).as(code + " value").isCloseTo(expected, within(1e-12));
            }
        }
    }

    @Test
    void countsAndChannelRates() {
        rate("received", 7, null);
        rate("online_rate", 4, 7L);
        rate("online_rate_dvctt", 4, 6L);
        rate("full_online_rate", 3, 6L);
        rate("full_online_share", 3, 7L);
        rate("remote_rate", 2, 4L);
        rate("assisted_rate", 1, 4L);
    }

    @Test
    void paperPaymentDigitisationAndResults() {
        rate("paper_parallel_rate", 1, 4L);
        rate("fully_electronic_rate", 3, 4L);
        rate("online_payment_rate", 1, 2L);
        rate("digitization_rate", 6, 7L);
        rate("reuse_rate", 2, 7L);
        rate("e_result_rate", 2, 3L);
    }

    @Test
    void lateBySecondSupplementAndByEndAgainstDueWithTheAsOfDateForOpenDossiers() {
        rate("on_time_rate", 4, 7L);
        rate("late_online", 2, null);
        rate("dossier_satisfaction_766", 4, 7L);
    }

    @Test
    void satisfactionBelowMinNIsSuppressedButKeepsItsCounts() {
        rate("satisfaction_rate", 2, 3L);
        Row r = kpi("2024", "province", "52", "satisfaction_rate").orElseThrow();
        assertThat((Boolean) r.getAs("suppressed")).isTrue();
        assertThat((Double) r.getAs("value")).isNull();
        rate("rating_coverage", 3, 5L);
    }

    @Test
    void aZeroDenominatorGivesANullValue() {
        // no dossier of XA-002 has a fee
        rate("2024", "unit", "XA-002", "online_payment_rate", 0, 0L);
        assertThat((Double) kpi("2024", "unit", "XA-002", "online_payment_rate").orElseThrow().getAs("value")).isNull();
    }

    @Test
    void adoptionCountsDistinctCitizenKeysAndCivilServantsInPersonAreCounted() {
        rate("adoption_rate", 3, 4L);
        rate("2023", "province", "52", "adoption_rate", 1, 1L);
        rate("civil_servant_in_person", 1, null);
        assertThat(kpi("2024-03", "province", "52", "adoption_rate")).isEmpty();
    }

    @Test
    void feedbackKpisCountFeedbackRowsByTheirOwnUnit() {
        rate("feedback_on_time_rate", 1, 2L);
        rate("feedback_published_rate", 1, 2L);
        rate("2024", "unit", "XA-002", "feedback_on_time_rate", 0, 1L);
        assertThat(kpi("2024", "procedure", "2.000815", "feedback_on_time_rate")).isEmpty();
    }

    @Test
    void monthsUnitsAsWasAndAsIsProceduresAndSectors() {
        rate("2024-03", "province", "52", "received", 6, null);
        rate("2024-07", "province", "52", "received", 1, null);
        rate("2024", "unit", "XA-001", "received", 4, null);
        rate("2024", "unit", "XA-002", "received", 3, null);
        rate("2024", "unit_current", "XA-101", "received", 7, null);
        assertThat(kpi("2024", "unit_current", "XA-001", "received")).isEmpty();
        rate("2024", "procedure", "2.000815", "online_rate", 2, 4L);
        rate("2024", "sector", "HOTICH", "received", 2, null);
        rate("2024-03", "unit", "XA-002", "on_time_rate", 0, 2L);
    }

    @Test
    void theCatalogueRowValidOnTheReceivedDateApplies() {
        // D4 was received while 1.001193 was MOT_PHAN, D9 after it became TOAN_TRINH
        rate("2024", "procedure", "1.001193", "full_online_share", 1, 2L);
        rate("2024", "procedure", "1.001193", "online_rate_dvctt", 2, 2L);
    }

    @Test
    void catalogCoverageAndFullOnlineCoverage() {
        Row c = new TableStore(spark, wh.toString()).readOrEmpty(MartsJob.CATALOG_COVERAGE)
                .where("year = 2024").first();
        assertThat((LocalDate) c.getAs("as_of_date")).isEqualTo(LocalDate.of(2024, 7, 10));
        assertThat((Long) c.getAs("procedures_valid")).isEqualTo(3L);
        assertThat((Long) c.getAs("full_online")).isEqualTo(2L);
        assertThat((Long) c.getAs("not_online")).isEqualTo(1L);
        assertThat((Long) c.getAs("with_dossiers")).isEqualTo(3L);
        assertThat((Double) c.getAs("online_services_used_share")).isEqualTo(1.0);
        rate("full_online_coverage", 2, 2L);
    }

    @Test
    void priorityListRanksSharesParetoCatalogueAndOwnRates() {
        List<Row> list = new TableStore(spark, wh.toString()).readOrEmpty(MartsJob.PRIORITY)
                .where("year = 2024 and scope_type = 'province'").orderBy("rank").collectAsList();
        assertThat(list).extracting(r -> (String) r.getAs("procedure_code")).containsExactly("2.000815", "1.001193", "1.004222");
        assertThat(list).extracting(r -> (Long) r.getAs("received")).containsExactly(4L, 2L, 1L);
        assertThat(list).extracting(r -> (Boolean) r.getAs("in_pareto_80")).containsExactly(true, true, false);
        assertThat((Double) list.get(1).getAs("cum_share")).isCloseTo(6.0 / 7, within(1e-12));
        Row p1 = list.get(0);
        assertThat((Double) p1.getAs("share")).isCloseTo(4.0 / 7, within(1e-12));
        assertThat((Double) p1.getAs("online_rate")).isEqualTo(0.5);
        assertThat((Double) p1.getAs("paper_parallel_rate")).isEqualTo(0.5);
        assertThat((Double) p1.getAs("on_time_rate")).isEqualTo(0.5);
        assertThat((Double) p1.getAs("satisfaction_rate")).isNull();
        assertThat((Double) p1.getAs("median_processing_days")).isEqualTo(2.5);
        assertThat((Boolean) p1.getAs("paper_hotspot")).isTrue();
        assertThat((Boolean) p1.getAs("low_satisfaction")).isFalse();
        Row p2 = list.get(1);
        assertThat((String) p2.getAs("service_level")).isEqualTo("TOAN_TRINH");
        assertThat((Boolean) p2.getAs("reengineered")).isTrue();
        assertThat((Boolean) p2.getAs("upgrade_candidate")).isFalse();
        assertThat((Boolean) list.get(2).getAs("upgrade_candidate")).isFalse();
        assertThat(new TableStore(spark, wh.toString()).readOrEmpty(MartsJob.PRIORITY)
                .where("year = 2024 and scope_type = 'unit_current' and scope_code = 'XA-101'").count()).isEqualTo(3);
    }

    @Test
    void scorecardComparesEachTargetIncludingPrevGroupsAndUnits() {
        List<Row> lines = new TableStore(spark, wh.toString()).readOrEmpty(MartsJob.SCORECARD).collectAsList();
        assertThat(lines).hasSize(8);
        Row online = scoreLine(lines, "online_rate", "province", 2024);
        assertThat((Boolean) online.getAs("met")).isTrue();
        assertThat((Double) online.getAs("gap")).isCloseTo(4.0 / 7 - 0.5, within(1e-12));
        Row late = scoreLine(lines, "late_online", "province", 2024);
        assertThat((Boolean) late.getAs("met")).isFalse();
        assertThat((Double) late.getAs("gap")).isEqualTo(2.0);
        Row prev = scoreLine(lines, "adoption_rate", "province", 2024);
        assertThat((Double) prev.getAs("target")).isEqualTo(1.0);
        assertThat((Boolean) prev.getAs("met")).isFalse();
        assertThat((Boolean) scoreLine(lines, "adoption_rate", "province", 2023).getAs("met")).isNull();
        Row sat = scoreLine(lines, "satisfaction_rate", "sector_group:civil", 2024);
        assertThat((Boolean) sat.getAs("suppressed")).isTrue();
        assertThat((Boolean) sat.getAs("met")).isNull();
        Row civilOnline = scoreLine(lines, "online_rate", "sector_group:civil", 2024);
        assertThat((Long) civilOnline.getAs("numerator")).isEqualTo(4L);
        assertThat((Long) civilOnline.getAs("denominator")).isEqualTo(6L);
        assertThat((Boolean) civilOnline.getAs("met")).isFalse();
        Row eResult = scoreLine(lines, "e_result_rate", "procedures_min_received:2", 2024);
        assertThat((Double) eResult.getAs("value")).isEqualTo(1.0);
        assertThat((Boolean) eResult.getAs("met")).isTrue();
        Row unit = scoreLine(lines, "on_time_rate", "unit:XA-002", 2024);
        assertThat((Double) unit.getAs("value")).isCloseTo(1.0 / 3, within(1e-12));
        assertThat((Boolean) unit.getAs("met")).isFalse();
    }

    private static Row scoreLine(List<Row> lines, String kpi, String scope, int year) {
        return lines.stream().filter(r -> kpi.equals(r.getAs("kpi_code")) && scope.equals(r.getAs("scope"))
                && year == (Integer) r.getAs("year")).findFirst().orElseThrow(() -> new AssertionError("no line " + kpi + " " + scope));
    }

    @Test
    void priorityAndScorecardPrintReadableVietnameseTables() {
        var priority = vn.hoso.cli.CliTest.execute("priority", "--warehouse", wh.toString(), "--year", "2024", "--top", "2");
        assertThat(priority.code()).isZero();
        assertThat(priority.out()).contains("Danh sách ưu tiên tái cấu trúc TTHC năm 2024").contains("2.000815")
                .contains("57,1%").contains("85,7%").contains("GIẤY").doesNotContain("1.004222");
        var unit = vn.hoso.cli.CliTest.execute("priority", "--warehouse", wh.toString(), "--year", "2024", "--unit", "XA-101", "--current");
        assertThat(unit.out()).contains("XA-101").contains("1.004222");
        var scorecard = vn.hoso.cli.CliTest.execute("scorecard", "--warehouse", wh.toString(), "--plan", "test", "--year", "2024");
        assertThat(scorecard.code()).isZero();
        assertThat(scorecard.out()).contains("Tỷ lệ hồ sơ trực tuyến").contains("ĐẠT").contains("CHƯA ĐẠT").contains("mẫu nhỏ")
                .contains("+7,1 điểm %");
        var none = vn.hoso.cli.CliTest.execute("scorecard", "--warehouse", wh.toString(), "--plan", "nope", "--year", "2024");
        assertThat(none.out()).contains("Các kế hoạch: [test]");
    }
}
