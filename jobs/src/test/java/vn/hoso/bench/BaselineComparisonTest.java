package vn.hoso.bench;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
                        + "('2024', 'received', 10::bigint, null::bigint, 10.0::double), "
                        + "('2024', 'online_rate', 4::bigint, 10::bigint, 0.4::double)) "
                        + "t(period, kpi_code, numerator, denominator, value)");
                s.execute("create table " + side + "_priority as select * from (values "
                        + "(2024, '1.001', 7::bigint, 1, 0.7::double, 0.7::double, true, 0.5::double), "
                        + "(2024, '1.002', 3::bigint, 2, 0.3::double, 1.0::double, false, 0.2::double)) "
                        + "t(year, procedure_code, received, rank, share, cum_share, in_pareto_80, online_rate)");
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
        assertTrue(d.get(0).startsWith("priority:") && d.get(0).contains("1.002"), d.get(0));
    }

    @Test
    void aTamperedKpiNumeratorOrValueIsReported() throws Exception {
        exec("update gold_kpi set numerator = 5 where kpi_code = 'online_rate'");
        exec("update base_priority set online_rate = 0.2000001 where procedure_code = '1.002'");
        List<String> d = Baseline.differences(c);
        assertEquals(2, d.size(), d.toString());
        assertTrue(d.get(0).startsWith("kpi:") && d.get(0).contains("online_rate"), d.get(0));
    }

    @Test
    void aRowMissingOnEitherSideIsReported() throws Exception {
        exec("delete from base_kpi where kpi_code = 'received'");
        exec("delete from gold_priority where procedure_code = '1.001'");
        assertEquals(2, Baseline.differences(c).size());
    }

    private void exec(String sql) throws Exception {
        try (Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }
}
