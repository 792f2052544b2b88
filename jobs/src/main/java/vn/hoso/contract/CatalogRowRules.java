package vn.hoso.contract;

import java.util.List;

/**
 * Checks across the columns of one catalogue record that the column contract cannot state per column: in the
 * Decision 766 files (qd766_manual.csv, qd766_portal.csv) the period has the form of its period_type, and a
 * numerator is not above its denominator. Per-column checks (enum, pattern, finite numbers ≥ 0) are the
 * contract's, in {@link FieldReader}.
 */
final class CatalogRowRules {
    private CatalogRowRules() {
    }

    static void check(String feed, List<FieldSpec> columns, Object[] values) throws Rejection {
        if (feed.equals("qd766_manual") || feed.equals("qd766_portal")) {
            qd766(columns, values);
        }
    }

    private static void qd766(List<FieldSpec> columns, Object[] values) throws Rejection {
        String type = (String) value(columns, values, "period_type");
        String period = (String) value(columns, values, "period");
        if (type != null && period != null) {
            String form = switch (type) {
                case "M" -> "[0-9]{4}-(0[1-9]|1[0-2])";
                case "Q" -> "[0-9]{4}-Q[1-4]";
                default -> "[0-9]{4}";
            };
            if (!period.matches(form)) {
                throw new Rejection(QuarantineReason.BAD_PATTERN, "period '" + Masking.maskText(period)
                        + "' is not a period of type " + type + " (M 2025-08, Q 2025-Q3, Y 2025)");
            }
        }
        Double numerator = (Double) value(columns, values, "numerator");
        Double denominator = (Double) value(columns, values, "denominator");
        if (numerator != null && denominator != null && numerator > denominator) {
            throw new Rejection(QuarantineReason.OUT_OF_RANGE, "numerator " + numerator + " is above denominator " + denominator);
        }
    }

    private static Object value(List<FieldSpec> columns, Object[] values, String name) {
        for (int i = 0; i < columns.size(); i++) {
            if (columns.get(i).name().equals(name)) {
                return values[i];
            }
        }
        return null;
    }
}
