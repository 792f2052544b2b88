package vn.hoso.bench;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The comparison of gold with the DuckDB baseline: silent when equal, one line per tampered or missing row. */
class BaselineComparisonTest {
    private Connection c;

    @BeforeEach
    void tables() throws Exception {
        c = DriverManager.getConnection("jdbc:duckdb:");
        try (Statement s = c.createStatement()) {
            for (String side : List.of("gold", "base")) {
                s.execute("create table " + side + "_kpi as select * from (values "
                        + "(2024, 'received', 'P', 10::bigint, null::bigint, 10.0::double, false), "
                        + "(2024, 'online_rate', 'P', 4::bigint, 10::bigint, 0.4::double, false), "
                        + "(2024, 'satisfaction_rate', 'P', 3::bigint, 4::bigint, null::double, true)) "
                        + "t(year, kpi_code, scope_code, numerator, denominator, value, suppressed)");
                s.execute("create table " + side + "_priority as select * from (values "
                        + "(2024, 'P', '1.001', 'A', 'S1', 7::bigint, 1, 0.7::double, 0.7::double, true, 'TOAN_TRINH', true, false, "
                        + "0.5::double, 0.0::double, 1.0::double, null::double, 1.25::double, false, false, false), "
                        + "(2024, 'P', '1.002', 'B', 'S2', 3::bigint, 2, 0.3::double, 1.0::double, false, 'MOT_PHAN', true, true, "
                        + "0.2::double, 0.1::double, 0.9::double, null::double, 2.5::double, true, true, false)) "
                        + "t(year, scope_code, procedure_code, procedure_name, sector_code, received, rank, share, cum_share, "
                        + "in_pareto_80, service_level, eligible_full_online, reengineered, online_rate, paper_parallel_rate, "
                        + "on_time_rate, satisfaction_rate, median_processing_days, upgrade_candidate, paper_hotspot, low_satisfaction)");
            }
        }
    }

    @AfterEach
    void close() throws Exception {
        c.close();
    }

    @Test
    void identicalTablesAgree() throws Exception {
        assertEquals(List.of(), Baseline.differences(c));
    }

    @Test
    void aTamperedPriorityRankIsReported() throws Exception {
        exec("update gold_priority set rank = 3 where procedure_code = '1.002'");
        List<String> d = Baseline.differences(c);
        assertEquals(1, d.size(), d.toString());
        assertTrue(d.get(0).startsWith("priority: year=2024 procedure_code=1.002; rank: gold=3 baseline=2"), d.get(0));
    }

    @Test
    void aTamperedKpiNumeratorOrRateIsReported() throws Exception {
        exec("update gold_kpi set numerator = 5 where kpi_code = 'online_rate'");
        exec("update base_priority set median_processing_days = 2.5000001 where procedure_code = '1.002'");
        List<String> d = Baseline.differences(c);
        assertEquals(2, d.size(), d.toString());
        assertTrue(d.get(0).startsWith("kpi: year=2024 kpi_code=online_rate; numerator: gold=5 baseline=4"), d.get(0));
        assertTrue(d.get(1).contains("median_processing_days: gold=2.5 baseline=2.5000001"), d.get(1));
    }

    @Test
    void suppressionAndNullsAreCompared() throws Exception {
        exec("update base_kpi set value = 0.75, suppressed = false where kpi_code = 'satisfaction_rate'");
        exec("update gold_priority set paper_hotspot = false where procedure_code = '1.002'");
        List<String> d = Baseline.differences(c);
        assertEquals(2, d.size(), d.toString());
        assertTrue(d.get(0).contains("value: gold=null baseline=0.75") && d.get(0).contains("suppressed: gold=true baseline=false"), d.get(0));
        assertTrue(d.get(1).contains("paper_hotspot: gold=false baseline=true"), d.get(1));
    }

    @Test
    void aRowMissingOnEitherSideIsReported() throws Exception {
        exec("delete from base_kpi where kpi_code = 'received'");
        exec("delete from gold_priority where procedure_code = '1.001'");
        List<String> d = Baseline.differences(c);
        assertEquals(2, d.size(), d.toString());
        assertTrue(d.get(0).contains("kpi_code=received only in gold"), d.get(0));
        assertTrue(d.get(1).contains("procedure_code=1.001 only in the baseline"), d.get(1));
    }

    @Test
    void doublesAgreeWithinTheToleranceOnly() {
        assertTrue(Baseline.same(0.1 + 0.2, 0.3));
        assertTrue(Baseline.same(1e6 + 1e-4, 1e6));
        assertFalse(Baseline.same(0.3, 0.3000001));
        assertTrue(Baseline.same(7L, 7));
        assertFalse(Baseline.same(null, 0.0));
    }

    private void exec(String sql) throws Exception {
        try (Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }
}
