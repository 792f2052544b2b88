package vn.hoso.report;

import freemarker.template.Configuration;
import freemarker.template.Template;
import freemarker.template.TemplateException;
import freemarker.template.TemplateExceptionHandler;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The report as one self-contained XHTML page (fonts as data URIs, charts as inline SVG: nothing is fetched at
 * view time), from the FreeMarker template {@code report/report.ftlh}. The PDF renders the same page.
 */
public final class HtmlReport {
    /** How many procedures the page lists (the workbook has them all). */
    public static final int TOP = 30;
    /** How many units the ranking chart shows. */
    public static final int CHART_UNITS = 25;
    public static final String FONT_REGULAR = "fonts/DejaVuSans.ttf";
    public static final String FONT_BOLD = "fonts/DejaVuSans-Bold.ttf";

    private static final Configuration FREEMARKER = configuration();

    private HtmlReport() {
    }

    /** @param embedFonts true for the page (fonts as data URIs); the PDF registers the same fonts itself */
    public static String render(ReportData d, boolean embedFonts) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("fontFaces", embedFonts ? fontFace(FONT_REGULAR, "normal") + fontFace(FONT_BOLD, "bold") : "");
        m.put("font", Charts.FONT);
        m.put("title", "Báo cáo dịch vụ công trực tuyến " + d.period().labelVi());
        m.put("scope", d.scopeName() + " (" + d.scopeCode() + ")" + (d.scopeType().equals("unit_current") ? ", theo đơn vị hiện nay" : ""));
        m.put("period", d.period().fullLabelVi());
        m.put("stamp", "Kỳ " + d.period().fullLabelVi() + "; " + d.freshness());
        m.put("year", d.period().year());
        m.put("prevLabel", d.period().previous() == null ? "Kỳ trước" : d.period().previous().labelVi());
        m.put("lyLabel", d.period().sameLastYear().labelVi());
        m.put("headline", d.headline().stream().map(h -> {
            String kind = (String) h.get("kind");
            return row("label", h.get("label"), "value", figure(h.get("value"), h.get("suppressed"), kind),
                    "num", Format.count(h.get("numerator")), "den", Format.count(h.get("denominator")),
                    "prev", figure(h.get("prev_value"), h.get("prev_suppressed"), kind),
                    "ly", figure(h.get("ly_value"), h.get("ly_suppressed"), kind),
                    "note", XlsxReport.reason(h.get("value"), h.get("denominator"), h.get("suppressed"), kind));
        }).toList());
        m.put("scorecard", d.scorecard().stream().map(s -> {
            String kind = (String) s.get("kind");
            return row("plan", s.get("plan_title"), "label", s.get("label"), "scope", Flags.scope((String) s.get("scope")),
                    "value", figure(s.get("value"), s.get("suppressed"), kind), "target", figure(s.get("target"), false, kind),
                    "comparator", ">prev".equals(s.get("comparator")) ? "> năm trước" : s.get("comparator"),
                    "verdict", XlsxReport.verdict(s.get("met")), "met", s.get("met") == null ? "" : s.get("met").toString(),
                    "gap", "count".equals(kind) ? Format.count(s.get("gap")) : Format.points(s.get("gap")), "num", Format.count(s.get("numerator")), "den", Format.count(s.get("denominator")));
        }).toList());
        m.put("priority", d.priority().stream().limit(TOP).map(p -> row("rank", p.get("rank"), "code", p.get("procedure_code"),
                "name", p.get("procedure_name"), "received", Format.count(p.get("received")), "share", Format.rate(p.get("share")),
                "cum", Format.rate(p.get("cum_share")), "level", Flags.level(p.get("service_level")),
                "rates", Stream.of("online", "paper_parallel", "on_time", "satisfaction").map(k -> row("value", Format.rate(p.get(k + "_rate")),
                        "num", Format.count(p.get(k + "_numerator")), "den", Format.count(p.get(k + "_denominator")))).toList(),
                "flags", Flags.of(p), "top80", Boolean.TRUE.equals(p.get("in_pareto_80")))).toList());
        m.put("priorityCount", d.priority().size());
        m.put("legend", Flags.LEGEND);
        m.put("units", d.units().stream().map(u -> {
            List<Map<String, Object>> cells = new ArrayList<>();
            for (String k : ReportData.UNIT_KPIS) {
                cells.add(row("value", figure(u.get(k + "_value"), u.get(k + "_suppressed"), "rate"),
                        "num", Format.count(u.get(k + "_numerator")), "den", Format.count(u.get(k + "_denominator"))));
            }
            return row("rank", u.get("rank"), "code", u.get("unit_code"), "name", u.get("unit_name"),
                    "received", Format.count(u.get("received")), "cells", cells,
                    "own", !d.province() && d.scopeCode().equals(u.get("unit_code")));
        }).toList());
        m.put("unitKpis", ReportData.UNIT_KPIS.stream().map(k -> vn.hoso.marts.KpiCatalog.get(k) == null ? k
                : vn.hoso.marts.KpiCatalog.get(k).labelVi()).toList());
        m.put("paper", d.paper().stream().limit(TOP * 2L).map(p -> row("level", p.get("level"), "code", p.get("code"), "name", p.get("name"),
                "value", figure(p.get("value"), p.get("suppressed"), "rate"), "num", Format.count(p.get("numerator")),
                "den", Format.count(p.get("denominator")), "hot", Boolean.TRUE.equals(p.get("hotspot")))).toList());
        m.put("inPerson", d.inPerson().stream().map(p -> row("level", p.get("level"), "code", p.get("code"), "name", p.get("name"),
                "dossiers", Format.count(p.get("dossiers")))).toList());
        m.put("i766", index766(d.index766()));
        Map<String, Object> i = d.info();
        m.put("facts", List.of(
                row("k", "Số liệu đến ngày", "v", Format.date(i.get("max_synced_at"))),
                row("k", "Kho dữ liệu xuất bản lúc", "v", Format.minute(i.get("published_at"))),
                row("k", "Lần chạy", "v", String.valueOf(i.get("last_run_id")) + " (" + Format.date(i.get("last_run_date")) + ")"),
                row("k", "Số hồ sơ trong kho", "v", Format.count(i.get("dossiers"))),
                row("k", "Các năm có số liệu", "v", i.get("first_year") + "–" + i.get("last_year"))));
        m.put("charts", row("trend", d.trend().isEmpty() ? "" : Charts.trend(d),
                "pareto", d.priority().isEmpty() ? "" : Charts.pareto(d, TOP),
                "units", d.units().isEmpty() ? "" : Charts.units(d, CHART_UNITS),
                "scorecard", d.scorecard().isEmpty() ? "" : Charts.scorecard(d)));
        try {
            Template t = FREEMARKER.getTemplate("report.ftlh");
            StringWriter out = new StringWriter();
            t.process(m, out);
            return out.toString();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the report template", e);
        } catch (TemplateException e) {
            throw new IllegalStateException("report template failed: " + e.getMessage().split("\n")[0], e);
        }
    }

    /** The index section's figures, formatted as the workbook shows them. */
    private static Map<String, Object> index766(Index766Data x) {
        if (!x.computed()) {
            return row("computed", false, "absent", x.absent());
        }
        Map<String, Object> s = x.summary();
        return row("computed", true, "provisional", x.provisional(),
                "groups", x.groups().stream().map(g -> row("label", g.get("label"), "score", Format.decimal(g.get("score")),
                        "marks", g.get("marks"), "max", Format.decimal(g.get("max")), "lost", Format.decimal(g.get("lost")))).toList(),
                "total", Format.decimal(s.get("est_index")), "max", Format.decimal(s.get("max_index")),
                "lost", s.get("est_index") == null || s.get("max_index") == null ? "–"
                        : Format.decimal(Index766Data.num(s.get("max_index")) - Index766Data.num(s.get("est_index"))),
                "low", Format.decimal(s.get("est_low")), "high", Format.decimal(s.get("est_high")),
                "computable", Format.decimal(s.get("est_computable")), "maxComputable", Format.decimal(s.get("max_computable")),
                "rank", x.rankVi() == null ? "" : x.rankVi(), "note", s.get("note") == null ? "" : s.get("note"),
                "indicators", x.indicators().stream().map(r -> row("group", Index766Labels.group((String) r.get("group_code")).labelVi(),
                        "code", r.get("indicator_code"), "label", r.get("label"), "num", Format.count(r.get("numerator")),
                        "den", Format.count(r.get("denominator")),
                        "ratio", Index766Data.num(r.get("max_points")) == 0 ? Format.decimal(r.get("ratio")) : Format.rate(r.get("ratio")),
                        "score", Format.decimal(r.get("score")), "max", Format.decimal(r.get("max_points")),
                        "lost", Format.decimal(r.get("lost")), "mark", Index766Labels.mark(r.get("confidence")))).toList(),
                "losses", x.losses().stream().map(l -> row("code", l.get("indicator_code"), "label", l.get("label"),
                        "loss", Format.decimal(l.get("loss")), "behind", Index766Data.behind(l))).toList(),
                "legend", Index766Labels.LEGEND);
    }

    static String figure(Object value, Object suppressed, String kind) {
        if (value == null || Boolean.TRUE.equals(suppressed)) {
            return "–";
        }
        return "count".equals(kind) ? Format.count(value) : Format.rate(value);
    }

    private static Map<String, Object> row(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1] == null ? "" : kv[i + 1]);
        }
        return m;
    }

    static byte[] resource(String name) {
        try (InputStream in = HtmlReport.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException(name + " is missing from the classpath");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + name, e);
        }
    }

    private static String fontFace(String resource, String weight) {
        return "@font-face { font-family: '" + Charts.FONT + "'; font-weight: " + weight + "; src: url(data:font/ttf;base64,"
                + Base64.getEncoder().encodeToString(resource(resource)) + ") format('truetype'); }\n";
    }

    private static Configuration configuration() {
        Configuration c = new Configuration(Configuration.VERSION_2_3_35);
        c.setClassLoaderForTemplateLoading(HtmlReport.class.getClassLoader(), "report");
        c.setDefaultEncoding("UTF-8");
        c.setTemplateExceptionHandler(TemplateExceptionHandler.RETHROW_HANDLER);
        c.setLogTemplateExceptions(false);
        c.setWrapUncheckedExceptions(true);
        c.setFallbackOnNullLoopVariable(false);
        return c;
    }
}
