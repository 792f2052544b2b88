package vn.hoso.report;

import vn.hoso.publish.Warehouse;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Decision 766 index of one period and scope as the scoring part stored it (gold {@code index766},
 * {@code index766_summary}, {@code index766_losses}, {@code index766_at_risk}): nothing is scored here, figures are
 * the tables' rows. Read from the gold Parquet by {@code hoso index766} and from the published DuckDB by the report.
 *
 * @param absent     null when the index is there; otherwise why not (Vietnamese, shown as it is)
 * @param summary    the index766_summary row
 * @param indicators the index766 rows, in the portal's group order then by indicator code
 * @param groups     one row per group: code, label, score, max (sum of its indicators' max_points), lost, marks
 * @param losses     the scope's own loss rows (child_type total) by points lost, each with "children": the units
 *                   and procedures behind it (largest loss first)
 * @param atRisk     the open dossiers at risk in scope whose cohort month is in the period
 */
public record Index766Data(Period period, String scopeType, String scopeCode, String absent, Map<String, Object> summary,
                           List<Map<String, Object>> indicators, List<Map<String, Object>> groups,
                           List<Map<String, Object>> losses, List<Map<String, Object>> atRisk) {

    public static final List<String> TABLES = List.of("index766", "index766_summary", "index766_losses", "index766_at_risk");
    /** Children listed per child type behind one lost indicator. */
    public static final int CHILDREN = 3;

    /** Where the tables are read from: gold Parquet (the command) or the published DuckDB (the report). */
    public interface Source {
        boolean has(String table);

        /** A FROM expression for the table. */
        String table(String name);

        /** Runs SQL whose parameters are written {@code getvariable('name')}. */
        List<Map<String, Object>> rows(String sql, Map<String, Object> params);
    }

    public boolean computed() {
        return absent == null;
    }

    public static Index766Data absent(Period p, String scopeType, String scopeCode, String why) {
        return new Index766Data(p, scopeType, scopeCode, why, Map.of(), List.of(), List.of(), List.of(), List.of());
    }

    public boolean provisional() {
        return Boolean.TRUE.equals(summary.get("provisional"));
    }

    /** "hạng 3/41 sở, ngành", or null for the province or an unranked unit. */
    public String rankVi() {
        Object rank = summary.get("rank");
        if (rank == null) {
            return null;
        }
        return "hạng " + rank + "/" + summary.get("rank_of") + " " + Index766Labels.levelVi(summary.get("unit_level"));
    }

    /** Why a YTD period has no index. */
    public static String ytdNote(Period p) {
        return "Chỉ số 766 không tính cho kỳ lũy kế (" + p.labelVi() + "): Cổng DVCQG chấm theo tháng, quý và năm.";
    }

    /**
     * Reads the index of a period and scope.
     *
     * @param scopeCode the unit's code, or null for the province (whose code the table says)
     * @param top       how many lost indicators (and at-risk dossiers)
     */
    public static Index766Data read(Source src, Period p, String scopeType, String scopeCode, int top) {
        if (p.type().equals("YTD")) {
            return absent(p, scopeType, scopeCode, ytdNote(p));
        }
        for (String t : TABLES) {
            if (!src.has(t)) {
                return absent(p, scopeType, scopeCode, "Chỉ số 766 chưa được tính trong kho dữ liệu này (không có bảng " + t
                        + "; kho dữ liệu tạo trước khi có chỉ số: chạy lại `hoso run`).");
            }
        }
        Map<String, Object> k = new LinkedHashMap<>();
        k.put("ptype", p.type());
        k.put("period", p.key());
        k.put("stype", scopeType);
        String where = " where period_type = getvariable('ptype') and period = getvariable('period') and scope_type = getvariable('stype')";
        if (scopeCode != null) {
            k.put("scode", scopeCode);
            where += " and scope_code = getvariable('scode')";
        }
        List<Map<String, Object>> s = src.rows("select * from " + src.table("index766_summary") + where + " order by scope_code limit 1", k);
        if (s.isEmpty()) {
            return absent(p, scopeType, scopeCode, "Chưa có Chỉ số 766 " + p.labelVi() + " cho "
                    + (scopeCode == null ? "toàn tỉnh" : "đơn vị " + scopeCode) + ".");
        }
        Map<String, Object> summary = s.get(0);
        String code = (String) summary.get("scope_code");
        k.put("scode", code);
        where = " where period_type = getvariable('ptype') and period = getvariable('period') and scope_type = getvariable('stype')"
                + " and scope_code = getvariable('scode')";

        List<Map<String, Object>> indicators = new ArrayList<>(src.rows("select * from " + src.table("index766") + where, k));
        indicators.sort(Comparator.<Map<String, Object>>comparingInt(r -> Index766Labels.order((String) r.get("group_code")))
                .thenComparing(r -> (String) r.get("indicator_code")));
        for (Map<String, Object> r : indicators) {
            r.put("label", Index766Labels.indicator((String) r.get("indicator_code")));
            r.put("lost", lost(r));
        }

        List<Map<String, Object>> groups = new ArrayList<>();
        for (Index766Labels.Group g : Index766Labels.GROUPS) {
            List<Map<String, Object>> own = indicators.stream().filter(r -> g.code().equals(r.get("group_code"))).toList();
            double max = own.isEmpty() ? g.max() : own.stream().mapToDouble(r -> num(r.get("max_points"))).sum();
            Object score = summary.get("score_" + g.code());
            Set<String> marks = new LinkedHashSet<>();
            own.forEach(r -> marks.add(Index766Labels.mark(r.get("confidence"))));
            marks.remove("");
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("group_code", g.code());
            row.put("label", g.labelVi());
            row.put("sheet", g.sheet());
            row.put("score", score);
            row.put("max", max);
            // missing items (null score) are not points lost: they are marked "?" and left out of max_index
            List<Double> lost = own.stream().map(r -> (Double) r.get("lost")).filter(java.util.Objects::nonNull).toList();
            row.put("lost", score == null || lost.isEmpty() ? null : round2(lost.stream().mapToDouble(Double::doubleValue).sum()));
            row.put("marks", String.join("", marks));
            groups.add(row);
        }

        Map<String, Object> lk = new LinkedHashMap<>(k);
        lk.put("top", top);
        List<Map<String, Object>> losses = src.rows("select l.*, i.max_points, i.score, i.confidence, i.group_code from "
                + src.table("index766_losses") + " l left join " + src.table("index766") + " i on i.period_type = l.period_type"
                + " and i.period = l.period and i.scope_type = l.scope_type and i.scope_code = l.scope_code"
                + " and i.indicator_code = l.indicator_code"
                + " where l.period_type = getvariable('ptype') and l.period = getvariable('period')"
                + " and l.scope_type = getvariable('stype') and l.scope_code = getvariable('scode')"
                + " and l.child_type = 'total' and l.loss > 0 order by l.loss desc, l.indicator_code limit getvariable('top')", lk);
        if (!losses.isEmpty()) {
            // a province has a row per unit × procedure: only the few largest per indicator and kind leave DuckDB
            Map<String, Object> ck = new LinkedHashMap<>(k);
            ck.put("children", CHILDREN);
            List<Map<String, Object>> children = src.rows("select * from " + src.table("index766_losses") + where
                    + " and child_type <> 'total' and loss > 0"
                    + " qualify row_number() over (partition by indicator_code, child_type order by loss desc,"
                    + " coalesce(child_unit_code, ''), coalesce(child_procedure_code, '')) <= getvariable('children')"
                    + " order by loss desc, child_type, coalesce(child_unit_code, ''), coalesce(child_procedure_code, '')", ck);
            for (Map<String, Object> l : losses) {
                l.put("label", Index766Labels.indicator((String) l.get("indicator_code")));
                Map<String, List<Map<String, Object>>> byType = new LinkedHashMap<>();
                for (String t : List.of("unit", "procedure", "unit_procedure")) {
                    byType.put(t, new ArrayList<>());
                }
                for (Map<String, Object> c : children) {
                    if (c.get("indicator_code").equals(l.get("indicator_code"))) {
                        List<Map<String, Object>> list = byType.computeIfAbsent((String) c.get("child_type"), t -> new ArrayList<>());
                        if (list.size() < CHILDREN) {
                            list.add(c);
                        }
                    }
                }
                byType.values().removeIf(List::isEmpty);
                l.put("children", byType);
            }
        }

        // the list is of today's open dossiers; those whose cohort month lies in the period
        Map<String, Object> ak = new LinkedHashMap<>();
        ak.put("first", String.format("%d-%02d", p.start().getYear(), p.start().getMonthValue()));
        ak.put("last", String.format("%d-%02d", p.end().getYear(), p.end().getMonthValue()));
        ak.put("top", top);
        String scopeFilter = "";
        if (!scopeType.equals("province")) {
            ak.put("scode", code);
            scopeFilter = scopeType.equals("unit_current") ? " and unit_current_code = getvariable('scode')" : " and unit_code = getvariable('scode')";
        }
        String atRisk = src.table("index766_at_risk");
        List<Map<String, Object>> risk = src.rows("select * from " + atRisk + " where as_of = (select max(as_of) from " + atRisk + ")"
                + " and period between getvariable('first') and getvariable('last')" + scopeFilter
                + " order by days_left, " + (scopeType.equals("province") ? "points_province" : "points_unit")
                + " desc nulls last, dossier_id limit getvariable('top')", ak);
        return new Index766Data(p, scopeType, code, null, summary, indicators, groups, losses, risk);
    }

    /** "đơn vị U01 1,80, U02 1,20; thủ tục P001 2,00": where one lost indicator loses most. */
    @SuppressWarnings("unchecked")
    public static String behind(Map<String, Object> loss) {
        Object c = loss.get("children");
        if (!(c instanceof Map<?, ?> children)) {
            return "";
        }
        List<String> parts = new ArrayList<>();
        for (Map.Entry<String, List<Map<String, Object>>> e : ((Map<String, List<Map<String, Object>>>) children).entrySet()) {
            String what = switch (e.getKey()) {
                case "unit" -> "đơn vị";
                case "procedure" -> "thủ tục";
                case "unit_procedure" -> "đơn vị × thủ tục";
                default -> e.getKey();
            };
            parts.add(what + " " + String.join(", ", e.getValue().stream().map(x -> child(x) + " " + Format.decimal(x.get("loss"))).toList()));
        }
        return String.join("; ", parts);
    }

    private static String child(Map<String, Object> c) {
        if ("unit_procedure".equals(c.get("child_type"))) {
            return c.get("child_unit_code") + "/" + c.get("child_procedure_code");
        }
        return String.valueOf(c.get("child_unit_code") != null ? c.get("child_unit_code") : c.get("child_procedure_code"));
    }

    /** The periods the index has rows for, of one period type (for a message). */
    public static List<String> periods(Source src, String periodType) {
        if (!src.has("index766_summary")) {
            return List.of();
        }
        return src.rows("select distinct period from " + src.table("index766_summary") + " where period_type = getvariable('ptype')"
                + " order by period", Map.of("ptype", periodType)).stream().map(r -> (String) r.get("period")).toList();
    }

    /** Points lost by one indicator: max − score; null when the score is null (not counted, never full marks). */
    static Double lost(Map<String, Object> r) {
        if (r.get("score") == null || r.get("max_points") == null) {
            return null;
        }
        return round2(num(r.get("max_points")) - num(r.get("score")));
    }

    static double round2(double x) {
        return Math.round(x * 100) / 100.0;
    }

    static double num(Object o) {
        return o == null ? 0 : ((Number) o).doubleValue();
    }

    /** The published DuckDB as a source. */
    public static Source of(Warehouse wh) {
        return new Source() {
            @Override
            public boolean has(String table) {
                return !ReportData.maps(wh.query("select 1 from information_schema.tables where table_name = getvariable('t')",
                        Map.of("t", table))).isEmpty();
            }

            @Override
            public String table(String name) {
                return name;
            }

            @Override
            public List<Map<String, Object>> rows(String sql, Map<String, Object> params) {
                return ReportData.maps(wh.query(sql, params));
            }
        };
    }

    private static final Pattern VARIABLE = Pattern.compile("getvariable\\('([A-Za-z_][A-Za-z0-9_]*)'\\)");

    /** The gold Parquet as a source: getvariable('x') becomes a bound positional parameter. */
    public static Source of(GoldReader gold) {
        return new Source() {
            @Override
            public boolean has(String table) {
                return gold.has(table);
            }

            @Override
            public String table(String name) {
                return gold.table(name);
            }

            @Override
            public List<Map<String, Object>> rows(String sql, Map<String, Object> params) {
                Matcher m = VARIABLE.matcher(sql);
                List<Object> bound = new ArrayList<>();
                StringBuilder out = new StringBuilder();
                while (m.find()) {
                    if (!params.containsKey(m.group(1))) {
                        throw new IllegalArgumentException("no parameter " + m.group(1));
                    }
                    bound.add(params.get(m.group(1)));
                    m.appendReplacement(out, "?");
                }
                m.appendTail(out);
                return gold.query(out.toString(), bound.toArray());
            }
        };
    }
}
