package vn.hoso.report;

import vn.hoso.config.UserError;
import vn.hoso.marts.KpiCatalog;
import vn.hoso.publish.Warehouse;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything one report shows, read from the published warehouse as the marts computed it: no KPI is
 * recomputed here, figures are the {@code kpi}, {@code procedure_priority} and {@code plan_scorecard} rows.
 *
 * @param scopeType  province, unit or unit_current
 * @param scopeCode  the province's code or the unit's
 * @param headline   one row per KPI of the scope: value, numerator, denominator, suppressed, and the same for
 *                   the previous period (prev_*) and the same period last year (ly_*)
 * @param priority   the priority list of the period's year for the scope
 * @param units      every unit's KPIs for the period, ranked by on-time rate
 * @param paper      parallel paper by unit and by procedure (the {@code level} column says which)
 * @param inPerson   task 46: civil servants' in-person filings by unit and by procedure, counts only
 * @param trend      the scope's months of the period's year up to its end
 * @param scorecard  the plan targets of the scope for the period's year
 * @param info       warehouse_info: published_at, max_synced_at, last_run_id, ...
 * @param index766   the Decision 766 index of the period and scope (absent, with the reason, on an old warehouse
 *                   or a year to date)
 */
public record ReportData(Period period, String scopeType, String scopeCode, String scopeName,
                         List<Map<String, Object>> headline, List<Map<String, Object>> priority,
                         List<Map<String, Object>> units, List<Map<String, Object>> paper,
                         List<Map<String, Object>> inPerson, List<Map<String, Object>> trend,
                         List<Map<String, Object>> scorecard, Map<String, Object> info, Index766Data index766) {

    /** The KPIs of the units sheet, in column order. */
    public static final List<String> UNIT_KPIS = List.of("online_rate", "on_time_rate", "satisfaction_rate", "paper_parallel_rate");
    /** Names of the units and procedures a row's scope_code may be. */
    private static final String NAMES = "with names as (select unit_code as code, any_value(unit_name) as name from units group by unit_code"
            + " union all select procedure_code, any_value(procedure_name) from procedures group by procedure_code) ";
    /** How many lost indicators and at-risk dossiers the report lists. */
    public static final int INDEX766_TOP = 10;
    /** The monthly trend's KPIs. */
    public static final List<String> TREND_KPIS = List.of("online_rate", "remote_rate", "paper_parallel_rate");

    /** "số liệu đến ngày …": the freshest snapshot the warehouse holds. */
    public String freshness() {
        return "số liệu đến ngày " + Format.date(info.get("max_synced_at"));
    }

    public boolean province() {
        return scopeType.equals("province");
    }

    /**
     * Reads a report's data.
     *
     * @param unit    a unit code, or null for the province
     * @param current with a unit: the unit as it is today (after mergers)
     * @throws UserError when the period has no rows or the unit does not exist
     */
    public static ReportData read(Warehouse wh, Period period, String unit, boolean current) {
        Map<String, Object> info = maps(wh.query("select * from warehouse_info", Map.of())).stream().findFirst()
                .orElseThrow(() -> new UserError("the published warehouse has no warehouse_info row: publish again"));
        String scopeType = unit == null ? "province" : current ? "unit_current" : "unit";
        String scopeCode;
        String scopeName;
        if (unit == null) {
            List<Map<String, Object>> p = maps(wh.query("select distinct scope_code from kpi where scope_type = 'province'", Map.of()));
            scopeCode = p.isEmpty() ? "" : (String) p.get(0).get("scope_code");
            scopeName = "Toàn tỉnh";
        } else {
            List<Map<String, Object>> u = maps(wh.query("select any_value(unit_name) as unit_name from units"
                    + " where unit_code = getvariable('unit') group by unit_code", Map.of("unit", unit)));
            if (u.isEmpty()) {
                throw new UserError("unit '" + unit + "' does not exist in the published warehouse (see `hoso query"
                        + " \"select unit_code, unit_name from units\"`)");
            }
            scopeCode = unit;
            scopeName = (String) u.get(0).get("unit_name");
        }
        Map<String, Object> scope = new LinkedHashMap<>();
        scope.put("ptype", period.type());
        scope.put("period", period.key());
        scope.put("stype", scopeType);
        scope.put("scode", scopeCode);
        List<Map<String, Object>> rows = kpis(wh, period, scopeType, scopeCode);
        if (rows.isEmpty()) {
            List<Map<String, Object>> any = maps(wh.query("select count(*) as n from kpi where period_type = getvariable('ptype')"
                    + " and period = getvariable('period')", Map.of("ptype", period.type(), "period", period.key())));
            boolean periodEmpty = ((Number) any.get(0).get("n")).longValue() == 0;
            throw new UserError(periodEmpty
                    ? "no data for " + period.name() + " (" + period.fullLabelVi() + ") in the published warehouse: the kpi table has no "
                    + period.type() + " rows for period " + period.key() + " (years " + info.get("first_year") + "–" + info.get("last_year") + ")"
                    : "no data for unit " + scopeCode + " in " + period.name() + " (" + scopeType + " scope)");
        }
        Map<String, Map<String, Object>> prev = byCode(period.previous() == null ? List.of()
                : kpis(wh, period.previous(), scopeType, scopeCode));
        Map<String, Map<String, Object>> lastYear = byCode(kpis(wh, period.sameLastYear(), scopeType, scopeCode));
        List<Map<String, Object>> headline = new ArrayList<>();
        for (Map<String, Object> r : rows) {
            String code = (String) r.get("kpi_code");
            KpiCatalog.Kpi k = KpiCatalog.get(code);
            Map<String, Object> h = new LinkedHashMap<>(r);
            h.put("label", k == null ? code : k.labelVi());
            h.put("kind", k == null ? "rate" : k.kind());
            copy(prev.get(code), h, "prev_");
            copy(lastYear.get(code), h, "ly_");
            headline.add(h);
        }
        headline.sort(java.util.Comparator.<Map<String, Object>>comparingInt(h -> order((String) h.get("kpi_code")))
                .thenComparing(h -> (String) h.get("kpi_code")));

        Map<String, Object> yearScope = Map.of("year", period.year(), "stype", scopeType, "scode", scopeCode);
        List<Map<String, Object>> priority = maps(wh.query("select * from procedure_priority where year = getvariable('year')"
                + " and scope_type = getvariable('stype') and scope_code = getvariable('scode') order by rank", yearScope));

        String unitScope = current ? "unit_current" : "unit";
        Map<String, Object> up = Map.of("ptype", period.type(), "period", period.key(), "ustype", unitScope);
        List<Map<String, Object>> units = maps(wh.query("with k as (select * from kpi where period_type = getvariable('ptype')"
                + " and period = getvariable('period') and scope_type = getvariable('ustype')),"
                + " names as (select unit_code, any_value(unit_name) as unit_name from units group by unit_code)"
                + " select k.scope_code as unit_code, names.unit_name,"
                + " max(case when kpi_code = 'received' then numerator end) as received,"
                + pivot(UNIT_KPIS)
                + " from k left join names on names.unit_code = k.scope_code group by k.scope_code, names.unit_name"
                + " order by on_time_rate_value desc nulls last, received desc nulls last, unit_code", up));
        int rank = 0;
        for (Map<String, Object> u : units) {
            u.put("rank", ++rank);
        }

        Map<String, Object> pp = Map.of("ptype", period.type(), "period", period.key(), "ustype", unitScope,
                "hotspot", Flags.PAPER_HOTSPOT);
        List<Map<String, Object>> paper = maps(wh.query(NAMES + " select case when k.scope_type = 'procedure' then 'Thủ tục' else 'Đơn vị' end as level, k.scope_code as code, names.name,"
                + " k.numerator, k.denominator, k.value, k.suppressed, k.value >= getvariable('hotspot') as hotspot"
                + " from kpi k left join names on names.code = k.scope_code"
                + " where k.period_type = getvariable('ptype') and k.period = getvariable('period') and k.kpi_code = 'paper_parallel_rate'"
                + " and k.scope_type in (getvariable('ustype'), 'procedure') and k.denominator > 0"
                + " order by level desc, k.value desc nulls last, k.numerator desc, code", pp));
        List<Map<String, Object>> inPerson = maps(wh.query(NAMES + " select case when k.scope_type = 'procedure' then 'Thủ tục' else 'Đơn vị' end as level, k.scope_code as code, names.name,"
                + " k.numerator as dossiers from kpi k left join names on names.code = k.scope_code"
                + " where k.period_type = getvariable('ptype') and k.period = getvariable('period') and k.kpi_code = 'civil_servant_in_person'"
                + " and k.scope_type in (getvariable('ustype'), 'procedure') and k.numerator > 0"
                + " order by level desc, dossiers desc, code", pp));

        Map<String, Object> tp = Map.of("year", period.year(), "last", String.format("%d-%02d", period.year(), period.end().getMonthValue()),
                "stype", scopeType, "scode", scopeCode);
        List<Map<String, Object>> trend = maps(wh.query("select period as month, " + pivot(TREND_KPIS).replaceFirst(",\\s*$", "")
                + " from kpi where period_type = 'M' and year = getvariable('year') and period <= getvariable('last')"
                + " and scope_type = getvariable('stype') and scope_code = getvariable('scode') group by period order by period", tp));

        String scorecardScope = unit == null ? "province" : "unit:" + unit;
        List<Map<String, Object>> scorecard = maps(wh.query("select * from plan_scorecard where year = getvariable('year')"
                + " and (scope = getvariable('sc') or getvariable('whole'))"
                + " order by plan, kpi_code, scope", Map.of("year", period.year(), "sc", scorecardScope, "whole", unit == null)));
        for (Map<String, Object> s : scorecard) {
            KpiCatalog.Kpi k = KpiCatalog.get((String) s.get("kpi_code"));
            s.put("label", k == null ? s.get("kpi_code") : k.labelVi());
            s.put("kind", k == null ? "rate" : k.kind());
        }
        Index766Data index766 = Index766Data.read(Index766Data.of(wh), period, scopeType, unit == null ? null : scopeCode, INDEX766_TOP);
        return new ReportData(period, scopeType, scopeCode, scopeName, headline, priority, units, paper, inPerson, trend, scorecard, info,
                index766);
    }

    /** The headline's order (the office's usual reading order); other KPIs follow by code. */
    private static final List<String> HEADLINE_ORDER = List.of("received", "online_rate", "online_rate_dvctt", "full_online_rate",
            "full_online_share", "remote_rate", "assisted_rate", "paper_parallel_rate", "fully_electronic_rate", "online_payment_rate",
            "digitization_rate", "reuse_rate", "e_result_rate", "on_time_rate", "late_online", "satisfaction_rate", "rating_coverage",
            "dossier_satisfaction_766", "adoption_rate", "civil_servant_in_person", "feedback_on_time_rate", "feedback_published_rate",
            "time_reduction_median", "full_online_coverage");

    private static int order(String code) {
        int i = HEADLINE_ORDER.indexOf(code);
        return i < 0 ? HEADLINE_ORDER.size() : i;
    }

    private static String pivot(List<String> kpis) {
        StringBuilder s = new StringBuilder();
        for (String k : kpis) {
            for (String col : List.of("value", "numerator", "denominator", "suppressed")) {
                s.append(" max(case when kpi_code = '").append(k).append("' then ").append(col).append(" end) as ")
                        .append(k).append('_').append(col).append(',');
            }
        }
        s.setLength(s.length() - 1);
        return s + " ";
    }

    private static List<Map<String, Object>> kpis(Warehouse wh, Period p, String scopeType, String scopeCode) {
        return maps(wh.query("select kpi_code, numerator, denominator, value, suppressed from kpi"
                + " where period_type = getvariable('ptype') and period = getvariable('period')"
                + " and scope_type = getvariable('stype') and scope_code = getvariable('scode')",
                Map.of("ptype", p.type(), "period", p.key(), "stype", scopeType, "scode", scopeCode)));
    }

    private static Map<String, Map<String, Object>> byCode(List<Map<String, Object>> rows) {
        Map<String, Map<String, Object>> out = new LinkedHashMap<>();
        rows.forEach(r -> out.put((String) r.get("kpi_code"), r));
        return out;
    }

    private static void copy(Map<String, Object> from, Map<String, Object> to, String prefix) {
        for (String c : List.of("numerator", "denominator", "value", "suppressed")) {
            to.put(prefix + c, from == null ? null : from.get(c));
        }
    }

    static List<Map<String, Object>> maps(Warehouse.Result r) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (List<Object> row : r.rows()) {
            Map<String, Object> m = new LinkedHashMap<>();
            for (int i = 0; i < r.columns().size(); i++) {
                m.put(r.columns().get(i), row.get(i));
            }
            out.add(m);
        }
        return out;
    }
}
