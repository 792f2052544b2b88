package vn.hoso.generate;

import java.time.LocalDate;

/**
 * An administrative unit or agency of units.csv.
 *
 * @param place     how an address names the place ("phường Lê Lợi"); empty for agencies
 * @param to        last valid day, or null while still valid
 * @param successor MaDonViKeThua, or null
 * @param weight    relative dossier volume of a commune or district
 */
record Unit(String code, String name, Kind kind, String parent, LocalDate from, LocalDate to, String successor,
            String place, double weight) {

    /** Cap of units.csv. */
    enum Kind { TINH, SO, HUYEN, XA }

    boolean validOn(LocalDate d) {
        return !d.isBefore(from) && (to == null || !d.isAfter(to));
    }

    String[] row() {
        return new String[]{code, name, kind.name(), parent == null ? "" : parent, from.toString(),
                to == null ? "" : to.toString(), successor == null ? "" : successor};
    }
}
