package vn.hoso.marts;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Plan targets against measured yearly KPIs. Sector groups and procedure-volume groups are summed from
 * the sector and procedure rows (numerators and denominators add up), then valued by the same rule as
 * every KPI: numerator / denominator, suppressed below min_n.
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
        static final Measure NONE = new Measure(null, null, null, false);
    }

    public record Line(String plan, String planTitle, int year, String kpiCode, String scope, Double value, Double target,
                       String comparator, Boolean met, Double gap, Long numerator, Long denominator, boolean suppressed,
                       String source) {
    }

    public static List<Line> compute(List<Plan> plans, List<KpiRow> kpis, MartsJob.Config config) {
        Map<String, KpiRow> index = new HashMap<>();
        for (KpiRow r : kpis) {
            index.put(key(r.year(), r.scopeType(), r.scopeCode(), r.kpiCode()), r);
        }
        String province = kpis.stream().filter(r -> r.scopeType().equals("province")).map(KpiRow::scopeCode)
                .findFirst().orElse(null);
        List<Line> out = new ArrayList<>();
        for (Plan plan : plans) {
            for (Plan.Target t : plan.targets()) {
                Measure m = measure(plan, t.scope(), t.kpiCode(), t.year(), kpis, index, province, config);
                Double target = t.target();
                Boolean met = null;
                if (t.comparator().equals(">prev")) {
                    Measure prev = measure(plan, t.scope(), t.kpiCode(), t.year() - 1, kpis, index, province, config);
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

    private static Measure measure(Plan plan, String scope, String kpi, int year, List<KpiRow> kpis,
                                   Map<String, KpiRow> index, String province, MartsJob.Config config) {
        if (scope.equals("province")) {
            return of(index.get(key(year, "province", province, kpi)));
        }
        if (scope.startsWith("unit:")) {
            return of(index.get(key(year, "unit", scope.substring(5), kpi)));
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
        return sum(members, kpi, config);
    }

    private static Measure sum(List<KpiRow> rows, String kpi, MartsJob.Config config) {
        if (rows.isEmpty()) {
            return Measure.NONE;
        }
        long num = rows.stream().map(KpiRow::numerator).filter(Objects::nonNull).mapToLong(Long::longValue).sum();
        boolean count = rows.stream().allMatch(r -> r.denominator() == null);
        if (count) {
            return new Measure(num, null, (double) num, false);
        }
        long den = rows.stream().map(KpiRow::denominator).filter(Objects::nonNull).mapToLong(Long::longValue).sum();
        boolean suppressed = den < config.minN().getOrDefault(kpi, config.defaultMinN());
        Double value = suppressed || den == 0 ? null : (double) num / den;
        return new Measure(num, den, value, suppressed);
    }

    private static Measure of(KpiRow r) {
        return r == null ? Measure.NONE : new Measure(r.numerator(), r.denominator(), r.value(), r.suppressed());
    }

    private static String key(int year, String scopeType, String scopeCode, String kpi) {
        return year + "|" + scopeType + "|" + scopeCode + "|" + kpi;
    }
}
