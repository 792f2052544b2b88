package vn.hoso.report;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The scoring part's gold tables (INDEX766-INTERFACE.md §3, exactly those columns) for a province 52 and the
 * report fixture's units, written by DuckDB: into a published file (the report) or as gold Parquet (the command).
 *
 * <p>Hand-computed figures of the province, every period (M 2025-08 closed, M 2025-09 and Q 2025-Q3 open):
 * groups 6 + 18 + 8,39 + 6 + 10,10 + 14,67 = 63,16 of 88 (1.1–1.3 missing, 12 points: est_high 75,16); computable
 * part 55,16 / 80. Units differ in 2.1 (U01 800, U02 950, U03 700 of 1000) and score 3.1 zero: U01 59,37, U02 62,37,
 * U03 57,37, ranked U02 1, U01 2, U03 3 of 3 (level XA). Losses of the province: 4.4 3,60 &gt; 4.2 3,00 &gt; 3.2 2,80 &gt;
 * 2.1 2,00 &gt; 4.1 = 5.3 1,80 (tie by code); behind 4.4 units U01 1,80, U02 1,20, U03 0,60 and procedures P001 2,00,
 * P002 1,00, P003 0,60; behind 2.1 U01 1,00, U03 0,80, U02 0,20.
 */
public final class Index766Fixture {
    public static final List<String[]> PERIODS = List.of(new String[]{"M", "2025-08", "false"}, new String[]{"M", "2025-09", "true"},
            new String[]{"Q", "2025-Q3", "true"});

    /** group, code, max, numerator, denominator, score, confidence (the province). */
    static final Object[][] PROVINCE = {
            {"cong_khai", "1.1", 6, null, null, null, "MISSING"},
            {"cong_khai", "1.2", 4, null, null, null, "MISSING"},
            {"cong_khai", "1.3", 2, null, null, null, "MISSING"},
            {"cong_khai", "1.4", 6, 1, 1, 6.0, "ASSUMED"},
            {"tien_do", "2.1", 20, 900, 1000, 18.0, "VERIFIED"},
            {"tien_do", "2.2", 0, 5000, 800, null, "VERIFIED"},
            {"dvctt", "3.1", 2, 40, 56, 1.79, "INFERRED"},
            {"dvctt", "3.2", 4, 300, 1000, 1.2, "PROXY"},
            {"dvctt", "3.3", 6, 450, 1000, 5.4, "INFERRED"},
            {"thanh_toan", "3.5", 2, 20, 50, 1.0, "PROXY"},
            {"thanh_toan", "3.5b", 2, 10, 50, 0.5, "PROXY"},
            {"thanh_toan", "3.6", 6, 300, 400, 4.5, "VERIFIED"},
            {"so_hoa", "4.1", 6, 700, 1000, 4.2, "VERIFIED"},
            {"so_hoa", "4.2", 4, 250, 1000, 1.0, "VERIFIED"},
            {"so_hoa", "4.3", 2, 200, 1000, 0.5, "VERIFIED"},
            {"so_hoa", "4.4", 4, 100, 1000, 0.4, "VERIFIED"},
            {"so_hoa", "4.5a", 2, 30, 60, 1.0, "PROXY"},
            {"so_hoa", "4.5b", 2, 500, 1000, 1.0, "VERIFIED"},
            {"so_hoa", "4.6", 2, null, null, 2.0, "ASSUMED"},
            {"hai_long", "5.2", 6, 40, 50, 4.8, "VERIFIED"},
            {"hai_long", "5.3", 6, 35, 50, 4.2, "VERIFIED"},
            {"hai_long", "5.4", 6, 850, 1000, 5.67, "VERIFIED"}};
    static final Map<String, Integer> ON_TIME = Map.of("U01", 800, "U02", 950, "U03", 700);
    static final Map<String, Integer> RANK = Map.of("U02", 1, "U01", 2, "U03", 3);
    static final Map<String, Integer> RANK_CURRENT = Map.of("U02", 1, "U01", 2);

    private Index766Fixture() {
    }

    /** Gold Parquet under warehouse/gold/&lt;table&gt;/ as the command reads it. */
    public static void gold(Path warehouse) throws SQLException, java.io.IOException {
        try (Connection db = DriverManager.getConnection("jdbc:duckdb:"); Statement st = db.createStatement()) {
            create(db);
            for (String t : Index766Data.TABLES) {
                Path dir = Files.createDirectories(warehouse.resolve("gold").resolve(t));
                st.execute("COPY " + t + " TO '" + dir.resolve("part-00000.parquet").toAbsolutePath() + "' (FORMAT PARQUET)");
            }
        }
    }

    public static void create(Connection db) throws SQLException {
        try (Statement st = db.createStatement()) {
            st.execute("CREATE OR REPLACE TABLE index766 (period_type VARCHAR, period VARCHAR, scope_type VARCHAR, scope_code VARCHAR,"
                    + " group_code VARCHAR, indicator_code VARCHAR, max_points DOUBLE, numerator DOUBLE, denominator DOUBLE, ratio DOUBLE,"
                    + " score DOUBLE, confidence VARCHAR, provisional BOOLEAN)");
            st.execute("CREATE OR REPLACE TABLE index766_summary (period_type VARCHAR, period VARCHAR, scope_type VARCHAR, scope_code VARCHAR,"
                    + " score_cong_khai DOUBLE, score_tien_do DOUBLE, score_dvctt DOUBLE, score_thanh_toan DOUBLE, score_so_hoa DOUBLE,"
                    + " score_hai_long DOUBLE, est_computable DOUBLE, max_computable DOUBLE, est_index DOUBLE, max_index DOUBLE,"
                    + " est_low DOUBLE, est_high DOUBLE, unit_level VARCHAR, rank INTEGER, rank_of INTEGER, note VARCHAR, provisional BOOLEAN)");
            st.execute("CREATE OR REPLACE TABLE index766_losses (period_type VARCHAR, period VARCHAR, scope_type VARCHAR, scope_code VARCHAR,"
                    + " indicator_code VARCHAR, child_type VARCHAR, child_unit_code VARCHAR, child_procedure_code VARCHAR,"
                    + " numerator DOUBLE, denominator DOUBLE, loss DOUBLE, own_loss DOUBLE, dossiers_to_threshold BIGINT, headroom DOUBLE,"
                    + " gross_loss DOUBLE, offset_loss DOUBLE)");
            st.execute("CREATE OR REPLACE TABLE index766_at_risk (as_of DATE, dossier_id VARCHAR, unit_code VARCHAR, unit_current_code VARCHAR,"
                    + " procedure_code VARCHAR, period VARCHAR, due_date DATE, days_left INTEGER, points_province DOUBLE, points_unit DOUBLE)");
        }
        try (PreparedStatement ind = db.prepareStatement("INSERT INTO index766 VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
             PreparedStatement sum = db.prepareStatement("INSERT INTO index766_summary VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
             PreparedStatement loss = db.prepareStatement("INSERT INTO index766_losses VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            for (String[] p : PERIODS) {
                boolean provisional = Boolean.parseBoolean(p[2]);
                scope(ind, sum, loss, p, provisional, "province", ReportFixture.PROVINCE, null);
                for (String u : List.of("U01", "U02", "U03")) {
                    scope(ind, sum, loss, p, provisional, "unit", u, RANK.get(u));
                }
                for (String u : List.of("U01", "U02")) {
                    scope(ind, sum, loss, p, provisional, "unit_current", u, RANK_CURRENT.get(u));
                }
                // the units and procedures behind the province's two largest data losses
                Object[][] children = {{"4.4", "unit", "U01", null, 1.8}, {"4.4", "unit", "U02", null, 1.2}, {"4.4", "unit", "U03", null, 0.6},
                        {"4.4", "procedure", null, "P001", 2.0}, {"4.4", "procedure", null, "P002", 1.0}, {"4.4", "procedure", null, "P003", 0.6},
                        {"4.4", "procedure", null, "P004", 0.3}, {"4.4", "procedure", null, "P005", -0.1},
                        {"2.1", "unit", "U01", null, 1.0}, {"2.1", "unit", "U03", null, 0.8}, {"2.1", "unit", "U02", null, 0.2}};
                for (Object[] c : children) {
                    lossRow(loss, p, "province", ReportFixture.PROVINCE, (String) c[0], (String) c[1], (String) c[2], (String) c[3],
                            10.0, 100.0, (Double) c[4], null);
                }
            }
            ind.executeBatch();
            sum.executeBatch();
            loss.executeBatch();
        }
        try (Statement st = db.createStatement()) {
            st.execute("INSERT INTO index766_at_risk VALUES"
                    + " (DATE '2025-09-29', 'H000000000007f3a', 'U01', 'U01', 'P001', '2025-09', DATE '2025-09-30', 1, 0.03, 0.05),"
                    + " (DATE '2025-09-29', 'H0000000000019c2', 'U02', 'U02', 'P002', '2025-09', DATE '2025-10-02', 3, 0.02, 0.04),"
                    + " (DATE '2025-09-29', 'H000000000000b44', 'U03', 'U01', 'P003', '2025-09', DATE '2025-09-29', 0, 0.03, 0.07),"
                    + " (DATE '2025-09-29', 'H00000000000a001', 'U01', 'U01', 'P005', '2025-08', DATE '2025-09-30', 1, 0.01, 0.02)");
        }
    }

    private static void scope(PreparedStatement ind, PreparedStatement sum, PreparedStatement loss, String[] p, boolean provisional,
                              String scopeType, String scopeCode, Integer rank) throws SQLException {
        Map<String, Double> groups = new LinkedHashMap<>();
        double computable = 0;
        List<Object[]> rows = new ArrayList<>();
        for (Object[] r : PROVINCE) {
            Object[] x = r.clone();
            if (!scopeType.equals("province") && x[1].equals("2.1")) {
                x[3] = ON_TIME.get(scopeCode);
                x[5] = 20 * ON_TIME.get(scopeCode) / 1000.0;
            }
            if (!scopeType.equals("province") && x[1].equals("3.1")) {
                x[3] = null;
                x[4] = null;
                x[5] = 0.0;
            }
            rows.add(x);
        }
        for (Object[] x : rows) {
            Double score = (Double) x[5];
            groups.merge((String) x[0], score == null ? 0 : score, Double::sum);
            if (score != null && !List.of("1.4", "4.6").contains(x[1])) {
                computable += score;
            }
            ind.setString(1, p[0]);
            ind.setString(2, p[1]);
            ind.setString(3, scopeType);
            ind.setString(4, scopeCode);
            ind.setString(5, (String) x[0]);
            ind.setString(6, (String) x[1]);
            ind.setDouble(7, ((Number) x[2]).doubleValue());
            ind.setObject(8, x[3] == null ? null : ((Number) x[3]).doubleValue());
            ind.setObject(9, x[4] == null ? null : ((Number) x[4]).doubleValue());
            ind.setObject(10, x[3] == null || x[4] == null ? null : ((Number) x[3]).doubleValue() / ((Number) x[4]).doubleValue());
            ind.setObject(11, score);
            ind.setString(12, (String) x[6]);
            ind.setBoolean(13, provisional);
            ind.addBatch();
            if (score != null && ((Number) x[2]).doubleValue() > score) {
                lossRow(loss, p, scopeType, scopeCode, (String) x[1], "total", null, null, x[3], x[4],
                        Math.round((((Number) x[2]).doubleValue() - score) * 100) / 100.0, x[1].equals("3.3") ? 50L : null);
            }
        }
        double total = Math.round(groups.values().stream().mapToDouble(Double::doubleValue).sum() * 100) / 100.0;
        sum.setString(1, p[0]);
        sum.setString(2, p[1]);
        sum.setString(3, scopeType);
        sum.setString(4, scopeCode);
        int c = 5;
        for (Index766Labels.Group g : Index766Labels.GROUPS) {
            sum.setDouble(c++, Math.round(groups.get(g.code()) * 100) / 100.0);
        }
        sum.setDouble(11, Math.round(computable * 100) / 100.0);
        sum.setDouble(12, 80);
        sum.setDouble(13, total);
        sum.setDouble(14, 88);
        sum.setDouble(15, total);
        sum.setDouble(16, total + 12);
        sum.setString(17, rank == null ? null : "XA");
        sum.setObject(18, rank);
        sum.setObject(19, rank == null ? null : scopeType.equals("unit") ? 3 : 2);
        sum.setString(20, "1.1–1.3 chưa có số liệu nhập tay: tối đa 88");
        sum.setBoolean(21, provisional);
        sum.addBatch();
    }

    private static void lossRow(PreparedStatement loss, String[] p, String scopeType, String scopeCode, String indicator, String childType,
                                String unit, String procedure, Object num, Object den, double points, Long toThreshold) throws SQLException {
        loss.setString(1, p[0]);
        loss.setString(2, p[1]);
        loss.setString(3, scopeType);
        loss.setString(4, scopeCode);
        loss.setString(5, indicator);
        loss.setString(6, childType);
        loss.setString(7, unit);
        loss.setString(8, procedure);
        loss.setObject(9, num == null ? null : ((Number) num).doubleValue());
        loss.setObject(10, den == null ? null : ((Number) den).doubleValue());
        loss.setDouble(11, points);
        loss.setObject(12, null);
        loss.setObject(13, toThreshold);
        loss.setObject(14, null);
        boolean total = childType.equals("total");
        loss.setObject(15, total ? points : null);
        loss.setObject(16, total ? 0.0 : null);
        loss.addBatch();
    }
}
