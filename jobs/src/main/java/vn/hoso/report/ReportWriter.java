package vn.hoso.report;

import vn.hoso.config.UserError;
import vn.hoso.publish.Warehouse;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Writes reports: each one is read and rendered in memory first (a bad period or unit stops before any file),
 * then every file is written beside its final name and renamed over it, so a reader sees the old file or the
 * whole new one, never half of one.
 */
public final class ReportWriter {
    public static final List<String> FORMATS = List.of("xlsx", "html", "pdf");

    private ReportWriter() {
    }

    public static List<String> formats(String list) {
        List<String> out = new ArrayList<>();
        for (String f : list.split(",")) {
            String t = f.trim().toLowerCase(java.util.Locale.ROOT);
            if (!FORMATS.contains(t)) {
                throw new UserError("bad --format '" + f.trim() + "': use xlsx, html, pdf or a comma-separated list of them");
            }
            if (!out.contains(t)) {
                out.add(t);
            }
        }
        return out;
    }

    /** The file name of a report, without extension: hoso-2025-09-province, hoso-2025-09-unit-XA01. */
    public static String baseName(ReportData d) {
        String who = d.province() ? "province" : (d.scopeType().equals("unit_current") ? "unit-current-" : "unit-")
                + d.scopeCode().replaceAll("[^A-Za-z0-9._-]", "_");
        return "hoso-" + d.period().name() + "-" + who;
    }

    /** Renders one report in every format asked, in memory. */
    public static Map<String, byte[]> render(ReportData d, List<String> formats) {
        Map<String, byte[]> out = new LinkedHashMap<>();
        try {
            for (String f : formats) {
                ByteArrayOutputStream b = new ByteArrayOutputStream();
                switch (f) {
                    case "xlsx" -> XlsxReport.write(d, b);
                    case "html" -> b.writeBytes(HtmlReport.render(d, true).getBytes(StandardCharsets.UTF_8));
                    case "pdf" -> PdfReport.write(d, b);
                    default -> throw new IllegalArgumentException(f);
                }
                out.put(baseName(d) + "." + f, b.toByteArray());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot render the report: " + e.getMessage(), e);
        }
        return out;
    }

    /** Writes the files atomically into dir; returns their paths. */
    public static List<Path> write(Path dir, Map<String, byte[]> files) {
        List<Path> written = new ArrayList<>();
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UserError("cannot create " + dir + ": " + e.getMessage());
        }
        for (Map.Entry<String, byte[]> f : files.entrySet()) {
            Path target = dir.resolve(f.getKey());
            Path tmp = dir.resolve("." + f.getKey() + ".tmp-" + UUID.randomUUID());
            try {
                Files.write(tmp, f.getValue());
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                written.add(target);
            } catch (IOException e) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // the temporary name starts with a dot and is never read as a report
                }
                throw new UserError("cannot write " + target + ": " + e.getMessage());
            }
        }
        return written;
    }

    /** The units that have KPI rows in the period (merged-away units included while they have dossiers). */
    public static List<String> unitsWithData(Warehouse wh, Period p, boolean current) {
        List<String> out = new ArrayList<>();
        for (Map<String, Object> r : ReportData.maps(wh.query("select distinct scope_code from kpi where period_type = getvariable('ptype')"
                + " and period = getvariable('period') and scope_type = getvariable('stype') order by scope_code",
                Map.of("ptype", p.type(), "period", p.key(), "stype", current ? "unit_current" : "unit")))) {
            out.add((String) r.get("scope_code"));
        }
        return out;
    }

    /** Leftover temporary files of a killed writer, which nothing reads. */
    public static Set<String> leftovers(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return Set.of();
        }
        try (var s = Files.list(dir)) {
            return new java.util.TreeSet<>(s.map(p -> p.getFileName().toString()).filter(n -> n.startsWith(".") && n.contains(".tmp-")).toList());
        }
    }
}
