package vn.hoso.report;

import vn.hoso.io.TableSpec;
import vn.hoso.marts.KpiCatalog;
import vn.hoso.publish.PublishJob;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A small published warehouse, written straight with DuckDB in the published tables' schema (no Spark): the
 * kpi rows of months, quarters, years to date and years for a province, three units (U03 merged into U01) and
 * five procedures, a priority list, a scorecard, and personal data planted where a report must never look.
 */
public final class ReportFixture {
    public static final String PROVINCE = "52";
    /** A procedure name with every Vietnamese letter: the PDF must have a glyph for each. */
    public static final String ALPHABET = "àáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵđ"
            + "ÀÁẢÃẠĂẰẮẲẴẶÂẦẤẨẪẬÈÉẺẼẸÊỀẾỂỄỆÌÍỈĨỊÒÓỎÕỌÔỒỐỔỖỘƠỜỚỞỠỢÙÚỦŨỤƯỪỨỬỮỰỲÝỶỸỴĐ";
    /** Personal data planted in tables a report must not read (as if masking had failed upstream). */
    public static final List<String> PERSONAL = List.of("Nguyễn Thị Hoà", "079203001234", "0912345678", "hoa.nguyen@example.vn",
            "12 Lê Lợi", "Trần Văn Bảy", "201234567");
    public static final List<String> UNITS = List.of("U01", "U02", "U03");
    public static final List<String> PROCEDURES = List.of("P001", "P002", "P003", "P004", "P005");
    static final List<String> UNIT_KPIS = List.of("received", "online_rate", "remote_rate", "on_time_rate", "satisfaction_rate",
            "paper_parallel_rate", "civil_servant_in_person");
    static final List<String> PROCEDURE_KPIS = List.of("received", "paper_parallel_rate", "civil_servant_in_person");
    /** Periods with rows; 2023 has none. */
    static final List<String[]> PERIODS = periods();

    private ReportFixture() {
    }

    private static List<String[]> periods() {
        List<String[]> p = new ArrayList<>();
        p.add(new String[]{"M", "2024-09", "2024"});
        for (int m = 1; m <= 9; m++) {
            p.add(new String[]{"M", String.format("2025-%02d", m), "2025"});
        }
        p.add(new String[]{"Q", "2024-Q3", "2024"});
        p.add(new String[]{"Q", "2025-Q2", "2025"});
        p.add(new String[]{"Q", "2025-Q3", "2025"});
        p.add(new String[]{"YTD", "2024-09", "2024"});
        p.add(new String[]{"YTD", "2025-09", "2025"});
        p.add(new String[]{"Y", "2024", "2024"});
        p.add(new String[]{"Y", "2025", "2025"});
        return p;
    }

    public static Path build(Path dir) throws SQLException {
        return build(dir, true);
    }

    /** @param index766 with the Decision 766 index tables (Index766Fixture); without: a warehouse built before them */
    public static Path build(Path dir, boolean index766) throws SQLException {
        Path file = dir.resolve("hoso.duckdb");
        try (Connection db = DriverManager.getConnection("jdbc:duckdb:" + file.toAbsolutePath());
             Statement st = db.createStatement()) {
            for (TableSpec t : PublishJob.TABLES) {
                st.execute("CREATE TABLE " + t.name() + " (" + t.columns().stream().map(c -> c.name() + " " + PublishJob.duckType(c.type()))
                        .collect(Collectors.joining(", ")) + ")");
            }
            st.execute("CREATE TABLE warehouse_info AS SELECT TIMESTAMP '2025-10-01 06:12:00' AS published_at, 'r-20251001' AS last_run_id,"
                    + " DATE '2025-10-01' AS last_run_date, TIMESTAMP '2025-09-30 23:40:00' AS max_synced_at, 1000::BIGINT AS dossiers,"
                    + " 2024 AS first_year, 2025 AS last_year");
            st.execute("INSERT INTO units (unit_code, unit_name, level, current_unit_code, successor_code) VALUES"
                    + " ('U01', 'UBND phường Quy Nhơn Đông', 'XA', 'U01', NULL), ('U02', 'UBND xã Ứng Hòa', 'XA', 'U02', NULL),"
                    + " ('U03', 'UBND xã Tây Sơn (cũ)', 'XA', 'U01', 'U01')");
            st.execute("INSERT INTO procedures (procedure_code, procedure_name, sector_code) VALUES"
                    + " ('P001', 'Đăng ký khai sinh', 'HT'), ('P002', 'Cấp giấy phép xây dựng', 'XD'), ('P003', 'Chứng thực bản sao', 'CT'),"
                    + " ('P004', 'Thủ tục chữ: " + ALPHABET + "', 'KT'), ('P005', 'Đăng ký kết hôn', 'HT')");
            // personal data where no report looks: the report must not carry any of it
            st.execute("INSERT INTO quarantine (feed, source_file, line_number, reason_code, reason, raw_masked) VALUES"
                    + " ('dossiers', 'x.csv', 7, 'BAD', 'bad row', '" + String.join("|", PERSONAL) + "')");
            st.execute("INSERT INTO runs (run_id, status, message) VALUES ('r-20251001', 'SUCCEEDED', 'call 0912345678 Trần Văn Bảy')");
            st.execute("INSERT INTO dossiers (dossier_id, applicant_key, procedure_code, procedure_name, unit_code) VALUES"
                    + " ('D1', '079203001234', 'P001', 'Nguyễn Thị Hoà 201234567', 'U01')");
            kpis(db);
            priority(db);
            scorecard(db);
            if (index766) {
                Index766Fixture.create(db);
            } else {
                for (String t : Index766Data.TABLES) {
                    st.execute("DROP TABLE IF EXISTS " + t);
                }
            }
        }
        return file;
    }

    /** Deterministic figures: a rate's numerator and denominator from the row's key. */
    private static void kpis(Connection db) throws SQLException {
        try (PreparedStatement p = db.prepareStatement("INSERT INTO kpi VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            for (String[] period : PERIODS) {
                for (String code : KpiCatalog.all().keySet()) {
                    if (!code.equals("adoption_rate") || period[0].equals("Y") || period[0].equals("YTD")) {
                        add(p, period, "province", PROVINCE, code);
                    }
                }
                for (String u : UNITS) {
                    for (String k : UNIT_KPIS) {
                        add(p, period, "unit", u, k);
                    }
                }
                for (String u : List.of("U01", "U02")) {
                    for (String k : UNIT_KPIS) {
                        add(p, period, "unit_current", u, k);
                    }
                }
                for (String pr : PROCEDURES) {
                    for (String k : PROCEDURE_KPIS) {
                        add(p, period, "procedure", pr, k);
                    }
                }
            }
            p.executeBatch();
        }
    }

    private static void add(PreparedStatement p, String[] period, String scopeType, String scope, String kpi) throws SQLException {
        int h = Math.floorMod((period[0] + period[1] + scopeType + scope + kpi).hashCode(), 1_000_003);
        KpiCatalog.Kpi k = KpiCatalog.get(kpi);
        boolean count = k != null && k.kind().equals("count");
        long den = 40 + h % 900;
        long num = count ? h % 50 : Math.round(den * (0.55 + (h % 400) / 1000.0));
        // U02's satisfaction has a small sample every period: suppressed, numerator and denominator kept
        boolean suppressed = kpi.equals("satisfaction_rate") && scope.equals("U02");
        if (suppressed) {
            den = 12;
            num = 11;
        }
        p.setString(1, period[0]);
        p.setString(2, period[1]);
        p.setString(3, scopeType);
        p.setString(4, scope);
        p.setString(5, kpi);
        p.setLong(6, num);
        if (count) {
            p.setObject(7, null);
            p.setDouble(8, num);
        } else {
            p.setLong(7, den);
            if (suppressed) {
                p.setObject(8, null);
            } else {
                p.setDouble(8, (double) num / den);
            }
        }
        p.setBoolean(9, suppressed);
        p.setInt(10, Integer.parseInt(period[2]));
        p.addBatch();
    }

    private static void priority(Connection db) throws SQLException {
        long[] received = {500, 300, 120, 50, 30};
        String[] levels = {"TOAN_TRINH", "MOT_PHAN", "MOT_PHAN", "KHONG", "TOAN_TRINH"};
        try (PreparedStatement p = db.prepareStatement("INSERT INTO procedure_priority (scope_type, scope_code, procedure_code, procedure_name,"
                + " sector_code, received, rank, share, cum_share, in_pareto_80, service_level, eligible_full_online, reengineered,"
                + " online_rate, paper_parallel_rate, on_time_rate, satisfaction_rate, median_processing_days, upgrade_candidate,"
                + " paper_hotspot, low_satisfaction, year) SELECT ?, ?, ?, procedure_name, sector_code, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 2025"
                + " FROM procedures WHERE procedure_code = ?")) {
            for (String[] scope : new String[][]{{"province", PROVINCE}, {"unit", "U02"}, {"unit_current", "U01"}}) {
                double cum = 0;
                for (int i = 0; i < received.length; i++) {
                    double share = received[i] / 1000.0;
                    cum += share;
                    double paper = 0.01 + i * 0.02;
                    double satisfaction = 0.97 - i * 0.03;
                    p.setString(1, scope[0]);
                    p.setString(2, scope[1]);
                    p.setString(3, PROCEDURES.get(i));
                    p.setLong(4, received[i]);
                    p.setInt(5, i + 1);
                    p.setDouble(6, share);
                    p.setDouble(7, cum);
                    p.setBoolean(8, cum - share < 0.8);
                    p.setString(9, levels[i]);
                    p.setBoolean(10, i != 3);
                    p.setBoolean(11, i == 0);
                    p.setDouble(12, 0.9 - i * 0.1);
                    p.setDouble(13, paper);
                    p.setDouble(14, 0.95 - i * 0.05);
                    if (i == 4) {
                        p.setObject(15, null);
                    } else {
                        p.setDouble(15, satisfaction);
                    }
                    p.setDouble(16, 2.5 + i);
                    p.setBoolean(17, i != 3 && !levels[i].equals("TOAN_TRINH"));
                    p.setBoolean(18, paper >= 0.05);
                    p.setBoolean(19, i != 4 && satisfaction < 0.9);
                    p.setString(20, PROCEDURES.get(i));
                    p.addBatch();
                }
            }
            p.executeBatch();
        }
        try (Statement st = db.createStatement()) {
            // each rate's counts as the marts store them: a suppressed satisfaction rate (the fifth procedure) keeps its 7 of 9
            st.execute("UPDATE procedure_priority SET online_numerator = round(online_rate * received), online_denominator = received,"
                    + " paper_parallel_numerator = round(paper_parallel_rate * received), paper_parallel_denominator = received,"
                    + " on_time_numerator = round(on_time_rate * received), on_time_denominator = received,"
                    + " satisfaction_numerator = coalesce(round(satisfaction_rate * 100), 7), satisfaction_denominator = if(satisfaction_rate is null, 9, 100)");
        }
    }

    private static void scorecard(Connection db) throws SQLException {
        try (Statement st = db.createStatement()) {
            st.execute("INSERT INTO plan_scorecard SELECT 'binh-dinh', 'Kế hoạch Bình Định 2025', 2025, kpi_code, 'province', value,"
                    + " t.target, '>=', value >= t.target, value - t.target, numerator, denominator, suppressed, 'KH 46'"
                    + " FROM kpi JOIN (VALUES ('online_rate', 0.6), ('on_time_rate', 0.99), ('full_online_rate', 0.5)) t(code, target)"
                    + " ON kpi.kpi_code = t.code WHERE period_type = 'Y' AND period = '2025' AND scope_type = 'province'");
            st.execute("INSERT INTO plan_scorecard SELECT 'binh-dinh', 'Kế hoạch Bình Định 2025', 2025, kpi_code, 'unit:U02', NULL,"
                    + " 0.9, '>=', NULL, NULL, numerator, denominator, true, 'KH 46'"
                    + " FROM kpi WHERE period_type = 'Y' AND period = '2025' AND scope_type = 'unit' AND scope_code = 'U02'"
                    + " AND kpi_code = 'satisfaction_rate'");
        }
    }
}
