package vn.hoso.report;

import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.StandardChartTheme;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.axis.CategoryLabelPositions;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.DatasetRenderingOrder;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.LineAndShapeRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.data.category.DefaultCategoryDataset;
import org.jfree.svg.SVGGraphics2D;
import vn.hoso.marts.KpiCatalog;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Rectangle;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The report's charts, drawn by JFreeChart into SVG (inline in the HTML, vector in the PDF). */
public final class Charts {
    static final String FONT = "DejaVu Sans";
    private static final int WIDTH = 900;
    private static final DecimalFormatSymbols VI = DecimalFormatSymbols.getInstance(Locale.forLanguageTag("vi-VN"));

    private static final StandardChartTheme THEME = theme();

    private Charts() {
    }

    /** Monthly online, remote and parallel-paper rates. */
    public static String trend(ReportData d) {
        DefaultCategoryDataset ds = new DefaultCategoryDataset();
        for (Map<String, Object> m : d.trend()) {
            String month = ((String) m.get("month")).substring(5) + "/" + ((String) m.get("month")).substring(0, 4);
            for (String k : ReportData.TREND_KPIS) {
                Object v = Boolean.TRUE.equals(m.get(k + "_suppressed")) ? null : m.get(k + "_value");
                ds.addValue(v == null ? null : ((Number) v).doubleValue(), label(k), month);
            }
        }
        JFreeChart c = ChartFactory.createLineChart(null, "Tháng", "Tỷ lệ", ds, PlotOrientation.VERTICAL, true, false, false);
        THEME.apply(c);
        CategoryPlot p = c.getCategoryPlot();
        LineAndShapeRenderer r = (LineAndShapeRenderer) p.getRenderer();
        r.setDefaultShapesVisible(true);
        for (int i = 0; i < ReportData.TREND_KPIS.size(); i++) {
            r.setSeriesStroke(i, new BasicStroke(2.5f));
        }
        percentAxis((NumberAxis) p.getRangeAxis());
        return svg(c, 340);
    }

    /** Pareto of procedures: received dossiers as bars, the cumulative share as a line, the 80% line. */
    public static String pareto(ReportData d, int top) {
        DefaultCategoryDataset bars = new DefaultCategoryDataset();
        DefaultCategoryDataset cum = new DefaultCategoryDataset();
        for (Map<String, Object> p : d.priority().subList(0, Math.min(top, d.priority().size()))) {
            String code = (String) p.get("procedure_code");
            bars.addValue(((Number) p.get("received")).doubleValue(), "Số hồ sơ", code);
            cum.addValue(((Number) p.get("cum_share")).doubleValue(), "Lũy kế", code);
        }
        JFreeChart c = ChartFactory.createBarChart(null, "Thủ tục (mã TTHC)", "Số hồ sơ", bars, PlotOrientation.VERTICAL, true, false, false);
        THEME.apply(c);
        CategoryPlot p = c.getCategoryPlot();
        ((NumberAxis) p.getRangeAxis()).setNumberFormatOverride(new DecimalFormat("#,##0", VI));
        NumberAxis share = new NumberAxis("Lũy kế");
        percentAxis(share);
        share.setRange(0, 1.05);
        p.setRangeAxis(1, share);
        p.setDataset(1, cum);
        p.mapDatasetToRangeAxis(1, 1);
        LineAndShapeRenderer line = new LineAndShapeRenderer(true, true);
        line.setSeriesPaint(0, new Color(0xC0392B));
        line.setSeriesStroke(0, new BasicStroke(2.5f));
        p.setRenderer(1, line);
        p.setDatasetRenderingOrder(DatasetRenderingOrder.FORWARD);
        ValueMarker eighty = new ValueMarker(0.8, new Color(0x7F8C8D), new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 1f, new float[]{6f, 4f}, 0f));
        eighty.setLabel("80 %");
        eighty.setLabelFont(new Font(FONT, Font.PLAIN, 11));
        p.addRangeMarker(1, eighty, org.jfree.chart.ui.Layer.FOREGROUND);
        p.getDomainAxis().setCategoryLabelPositions(CategoryLabelPositions.UP_45);
        return svg(c, 360);
    }

    /** Units ranked by on-time rate, with their satisfaction. */
    public static String units(ReportData d, int top) {
        DefaultCategoryDataset ds = new DefaultCategoryDataset();
        for (Map<String, Object> u : d.units().subList(0, Math.min(top, d.units().size()))) {
            String name = u.get("unit_code") + (u.get("unit_name") == null ? "" : " " + u.get("unit_name"));
            for (String k : List.of("on_time_rate", "satisfaction_rate")) {
                Object v = Boolean.TRUE.equals(u.get(k + "_suppressed")) ? null : u.get(k + "_value");
                ds.addValue(v == null ? null : ((Number) v).doubleValue(), label(k), name);
            }
        }
        JFreeChart c = ChartFactory.createBarChart(null, null, "Tỷ lệ", ds, PlotOrientation.HORIZONTAL, true, false, false);
        THEME.apply(c);
        CategoryPlot p = c.getCategoryPlot();
        percentAxis((NumberAxis) p.getRangeAxis());
        ((NumberAxis) p.getRangeAxis()).setRange(0, 1);
        bars(p);
        return svg(c, 60 + 34 * Math.max(3, Math.min(top, d.units().size())));
    }

    /** The scorecard as bullet bars: the result as a bar, the target as a marker. */
    public static String scorecard(ReportData d) {
        DefaultCategoryDataset values = new DefaultCategoryDataset();
        DefaultCategoryDataset targets = new DefaultCategoryDataset();
        int n = 0;
        for (Map<String, Object> s : d.scorecard()) {
            if (!"rate".equals(s.get("kind")) || s.get("target") == null) {
                continue;
            }
            String name = s.get("label") + " (" + Flags.scope((String) s.get("scope")) + ")";
            Object v = Boolean.TRUE.equals(s.get("suppressed")) ? null : s.get("value");
            values.addValue(v == null ? null : ((Number) v).doubleValue(), "Kết quả", name);
            targets.addValue(((Number) s.get("target")).doubleValue(), "Mục tiêu", name);
            n++;
        }
        JFreeChart c = ChartFactory.createBarChart(null, null, "Tỷ lệ", values, PlotOrientation.HORIZONTAL, true, false, false);
        THEME.apply(c);
        CategoryPlot p = c.getCategoryPlot();
        percentAxis((NumberAxis) p.getRangeAxis());
        ((NumberAxis) p.getRangeAxis()).setRange(0, 1);
        bars(p);
        p.setDataset(1, targets);
        LineAndShapeRenderer marker = new LineAndShapeRenderer(false, true);
        marker.setSeriesShape(0, new Rectangle(-2, -11, 4, 22));
        marker.setSeriesPaint(0, Color.BLACK);
        p.setRenderer(1, marker);
        p.setDatasetRenderingOrder(DatasetRenderingOrder.FORWARD);
        CategoryAxis axis = p.getDomainAxis();
        axis.setMaximumCategoryLabelWidthRatio(0.45f);
        return svg(c, 60 + 30 * Math.max(3, n));
    }

    private static void bars(CategoryPlot p) {
        BarRenderer r = (BarRenderer) p.getRenderer();
        r.setBarPainter(new StandardBarPainter());
        r.setShadowVisible(false);
        r.setItemMargin(0.05);
    }

    private static void percentAxis(NumberAxis axis) {
        axis.setNumberFormatOverride(new DecimalFormat("0 '%'", VI) {
            @Override
            public StringBuffer format(double number, StringBuffer result, java.text.FieldPosition pos) {
                return super.format(number * 100, result, pos);
            }
        });
    }

    private static String label(String kpi) {
        KpiCatalog.Kpi k = KpiCatalog.get(kpi);
        return k == null ? kpi : k.labelVi();
    }

    private static StandardChartTheme theme() {
        StandardChartTheme theme = (StandardChartTheme) StandardChartTheme.createJFreeTheme();
        theme.setExtraLargeFont(new Font(FONT, Font.BOLD, 16));
        theme.setLargeFont(new Font(FONT, Font.BOLD, 13));
        theme.setRegularFont(new Font(FONT, Font.PLAIN, 11));
        theme.setSmallFont(new Font(FONT, Font.PLAIN, 10));
        theme.setChartBackgroundPaint(Color.WHITE);
        theme.setPlotBackgroundPaint(Color.WHITE);
        theme.setRangeGridlinePaint(new Color(0xCCCCCC));
        theme.setBarPainter(new StandardBarPainter());
        theme.setShadowVisible(false);
        return theme;
    }

    private static String svg(JFreeChart chart, int height) {
        SVGGraphics2D g = new SVGGraphics2D(WIDTH, height);
        chart.draw(g, new Rectangle(0, 0, WIDTH, height));
        // a viewBox lets the page scale the chart to its column; whole-number sizes for HTML-to-PDF renderers
        return g.getSVGElement(null, true, new org.jfree.svg.ViewBox(0, 0, WIDTH, height), null, null)
                .replaceFirst("width='(\\d+)\\.0'", "width='$1'").replaceFirst("height='(\\d+)\\.0'", "height='$1'");
    }
}
