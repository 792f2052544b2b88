package vn.hoso.marts;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * Plan targets against measured yearly KPIs. Sector groups and procedure-volume groups are summed from
 * the sector and procedure rows (numerators and denominators add up), then valued by the one rule of
 * every KPI, sql/marts/kpi_values.sql, which the caller applies (see {@link MartsJob#scorecard}).
 */
public final class Scorecard {
    private Scorecard() {
    }

    /** One yearly KPI row of gold kpi. */
    public record KpiRow(int year, String scopeType, String scopeCode, String kpiCode, Long numerator, Long denominator,
                         Double value, boolean suppressed) {
    }

    /** A measured value for a plan scope. */
    public record Measure(Long numerator, Long denominator, Double value, boolean suppressed) {
        public static final Measure NONE = new Measure(null, null, null, false);
    }

    public record Line(String plan, String planTitle, int year, String kpiCode, String scope, Double value, Double target,
                       String comparator, Boolean met, Double gap, Long numerator, Long denominator, boolean suppressed,
                       String source) {
    }

    /** The summed numerator and denominator of a group scope (sector group, procedure-volume group), to be valued. */
    public record GroupSum(String key, String kpiCode, Long numerator, Long denominator) {
    }

    /**
     * @param values values group sums by THE rule of sql/marts/kpi_values.sql (value, suppressed below
     *               min_n), keyed by {@link GroupSum#key()}; the scorecard has no rule of its own
     */
    public static List<Line> compute(List<Plan> plans, List<KpiRow> kpis, Function<List<GroupSum>, Map<String, Measure>> values) {
        Map<String, KpiRow> index = new HashMap<>();
        for (KpiRow r : kpis) {
            index.put(key(r.year(), r.scopeType(), r.scopeCode(), r.kpiCode()), r);
        }
        String province = kpis.stream().filter(r -> r.scopeType().equals("province")).map(KpiRow::scopeCode)
                .findFirst().orElse(null);
        Map<String, GroupSum> groups = new LinkedHashMap<>();
        for (Plan plan : plans) {
            for (Plan.Target t : plan.targets()) {
                for (int year : t.comparator().equals(">prev") ? new int[]{t.year(), t.year() - 1} : new int[]{t.year()}) {
                    GroupSum g = groupSum(plan, t.scope(), t.kpiCode(), year, kpis, index);
                    if (g != null) {
                        groups.putIfAbsent(g.key(), g);
                    }
                }
            }
        }
        Map<String, Measure> valued = groups.isEmpty() ? Map.of() : values.apply(List.copyOf(groups.values()));
        List<Line> out = new ArrayList<>();
        for (Plan plan : plans) {
            for (Plan.Target t : plan.targets()) {
                Measure m = measure(plan, t.scope(), t.kpiCode(), t.year(), index, province, valued);
                Double target = t.target();
                Boolean met = null;
                if (t.comparator().equals(">prev")) {
                    Measure prev = measure(plan, t.scope(), t.kpiCode(), t.year() - 1, index, province, valued);
                    target = prev.suppressed() ? null : prev.value();
                }
                if (m.value() != null && !m.suppressed() && target != null) {
                    met = compare(m.value(), t.comparator(), target);
                }
                Double gap = m.value() == null || target == null ? null : m.value() - target;
                out.add(new Line(plan.id(), plan.title(), t.year(), t.kpiCode(), t.scope(), m.value(), target,
                        t.comparator(), met, gap, m.numerator(), m.denominator(), m.suppressed(), t.source()));
            }
        }
        return out;
    }

    static boolean compare(double value, String comparator, double target) {
        return switch (comparator) {
            case ">=" -> value >= target;
            case ">", ">prev" -> value > target;
            case "<=" -> value <= target;
            case "<" -> value < target;
            case "=" -> value == target;
            default -> throw new IllegalArgumentException("unknown comparator " + comparator);
        };
    }

    private static Measure measure(Plan plan, String scope, String kpi, int year, Map<String, KpiRow> index,
                                   String province, Map<String, Measure> valued) {
        if (scope.equals("province")) {
            return of(index.get(key(year, "province", province, kpi)));
        }
        if (scope.startsWith("unit:")) {
            return of(index.get(key(year, "unit", scope.substring(5), kpi)));
        }
        return valued.getOrDefault(groupKey(year, scope, kpi), Measure.NONE);
    }

    /** The sums of a group scope's member rows; null for a province or unit scope, or a group without members. */
    private static GroupSum groupSum(Plan plan, String scope, String kpi, int year, List<KpiRow> kpis, Map<String, KpiRow> index) {
        if (scope.equals("province") || scope.startsWith("unit:")) {
            return null;
        }
        List<KpiRow> members = new ArrayList<>();
        if (scope.startsWith("sector_group:")) {
            List<String> sectors = plan.sectorGroups().get(scope.substring("sector_group:".length()));
            for (String s : sectors) {
                KpiRow r = index.get(key(year, "sector", s, kpi));
                if (r != null) {
                    members.add(r);
                }
            }
        } else if (scope.startsWith("procedures_min_received:")) {
            long min = Long.parseLong(scope.substring("procedures_min_received:".length()));
            for (KpiRow r : kpis) {
                if (r.year() == year && r.scopeType().equals("procedure") && r.kpiCode().equals("received")
                        && r.numerator() != null && r.numerator() >= min) {
                    KpiRow member = index.get(key(year, "procedure", r.scopeCode(), kpi));
                    if (member != null) {
                        members.add(member);
                    }
                }
            }
        } else {
            throw new IllegalArgumentException("unknown scope " + scope);
        }
        if (members.isEmpty()) {
            return null;
        }
        return new GroupSum(groupKey(year, scope, kpi), kpi, total(members, KpiRow::numerator), total(members, KpiRow::denominator));
    }

    /** The sum of the non-null values; null when all are null (a count's denominator), as SQL's sum. */
    private static Long total(List<KpiRow> rows, Function<KpiRow, Long> field) {
        List<Long> present = rows.stream().map(field).filter(Objects::nonNull).toList();
        return present.isEmpty() ? null : present.stream().mapToLong(Long::longValue).sum();
    }

    private static String groupKey(int year, String scope, String kpi) {
        return year + "|" + scope + "|" + kpi;
    }

    private static Measure of(KpiRow r) {
        return r == null ? Measure.NONE : new Measure(r.numerator(), r.denominator(), r.value(), r.suppressed());
    }

    private static String key(int year, String scopeType, String scopeCode, String kpi) {
        return year + "|" + scopeType + "|" + scopeCode + "|" + kpi;
    }
}
